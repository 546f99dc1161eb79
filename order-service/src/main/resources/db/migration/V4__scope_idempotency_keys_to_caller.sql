-- An Idempotency-Key belongs to the caller (the token's subject) that sent it: another caller reusing the same
-- key neither sees that order nor is refused because of it. Keys claimed before callers were known keep ''.
ALTER TABLE idempotency_keys ADD COLUMN caller varchar(255) NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ALTER COLUMN caller DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (caller, idempotency_key);
