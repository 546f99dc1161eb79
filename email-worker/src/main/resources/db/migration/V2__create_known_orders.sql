-- What the cancellation notice needs, one row per order this worker has seen an OrderCreated or an OrderCancelled
-- of. OrderCancelled carries no contact and comes on another topic than OrderCreated, possibly first (email-worker
-- may lag on order-created): the row keeps the recipient and total from OrderCreated for a later cancellation, or
-- the cancellation (notice_pending) until its OrderCreated arrives and sends the notice.
-- Both handlers write their half with one INSERT ... ON CONFLICT DO UPDATE on this row, so the two race on its row
-- lock: whichever writes second sees the other's half, and exactly one of them sends the notice.
CREATE TABLE known_orders (
    order_id       uuid         PRIMARY KEY,
    created_seen   boolean      NOT NULL DEFAULT false,
    recipient      text,
    currency       char(3),
    total_minor    bigint,
    cancel_reason  varchar(32),
    cancelled_at   timestamptz,
    notice_pending boolean      NOT NULL DEFAULT false,
    updated_at     timestamptz  NOT NULL DEFAULT now()
);
