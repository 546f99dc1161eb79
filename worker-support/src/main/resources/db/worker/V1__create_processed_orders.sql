-- One row per order this worker has handled: claimed in the same transaction as the worker's own effect,
-- so a redelivered OrderCreated finds its order here and is acknowledged without repeating the effect.
CREATE TABLE processed_orders (
    order_id     uuid         PRIMARY KEY,
    event_id     uuid         NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    outcome      varchar(64)  NOT NULL
);
