-- The simulated payment gateway's refunds, kept like its charges: one per idempotency key (a repeated key gets the
-- first answer), and at most one per charge (a second refund of a charge under another key is refused).
CREATE TABLE simulated_gateway_refunds (
    idempotency_key text         PRIMARY KEY,
    charge_key      text         NOT NULL UNIQUE REFERENCES simulated_gateway_charges (idempotency_key),
    amount_minor    bigint       NOT NULL,
    currency        char(3)      NOT NULL,
    reference       text         NOT NULL,
    requests        int          NOT NULL DEFAULT 1,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
