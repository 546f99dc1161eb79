-- Events a worker sees besides OrderCreated (results, lifecycle events), one row per order and event type:
-- claimed in the same transaction as the worker's effect, so a redelivered event, or the same event published
-- again under a new id, is acknowledged without repeating the effect.
CREATE TABLE processed_events (
    order_id     uuid         NOT NULL,
    event_type   varchar(64)  NOT NULL,
    event_id     uuid         NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    outcome      varchar(64)  NOT NULL,
    PRIMARY KEY (order_id, event_type)
);
