-- One row per Idempotency-Key: the primary key makes racing requests with one key end with one order.
-- request_hash tells a retry (same body) from a misuse of the key (another body: 422).
CREATE TABLE idempotency_keys (
    idempotency_key varchar(255) PRIMARY KEY,
    request_hash    bytea        NOT NULL,
    order_id        uuid         NOT NULL,
    created_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
