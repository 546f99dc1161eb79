-- One row per order and kind of email (the order confirmation; the order lifecycle adds a cancellation notice).
-- SMTP has no idempotency key, so the row is written (ATTEMPTED) and committed before the send, and marked SENT in
-- the transaction that also claims the order in processed_orders. A redelivered order whose row is still ATTEMPTED
-- may already have been sent: it is sent again with the same Message-ID and counted.
CREATE TABLE sent_emails (
    order_id     uuid         NOT NULL,
    kind         varchar(32)  NOT NULL,
    recipient    text,
    message_id   text,
    status       varchar(16)  NOT NULL CHECK (status IN ('ATTEMPTED', 'FAILED', 'SENT', 'SKIPPED')),
    attempts     int          NOT NULL DEFAULT 1,
    attempted_at timestamptz  NOT NULL DEFAULT now(),
    sent_at      timestamptz,
    PRIMARY KEY (order_id, kind)
);
