-- One text per order. The provider deduplicates by the order id (Idempotency-Key), so a send repeated after a crash
-- before this row's commit is not a second text; the row is written with the processed-order marker.
CREATE TABLE sent_messages (
    order_id            uuid         PRIMARY KEY,
    status              varchar(16)  NOT NULL CHECK (status IN ('SENT', 'LOGGED', 'SKIPPED')),
    phone               varchar(16),
    text                text,
    provider_message_id text,
    skip_reason         varchar(32),
    recorded_at         timestamptz  NOT NULL DEFAULT now()
);
