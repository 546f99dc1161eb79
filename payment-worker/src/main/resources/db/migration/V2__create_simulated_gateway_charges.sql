-- The simulated payment gateway's own records. A real gateway keeps these on its side; the simulation keeps them
-- here so that its idempotency (one charge per key, a repeated key gets the first result) survives a restart.
CREATE TABLE simulated_gateway_charges (
    idempotency_key text         PRIMARY KEY,
    amount_minor    bigint       NOT NULL,
    currency        char(3)      NOT NULL,
    status          varchar(16)  NOT NULL,
    reference       text         NOT NULL,
    decline_reason  varchar(64),
    requests        int          NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
