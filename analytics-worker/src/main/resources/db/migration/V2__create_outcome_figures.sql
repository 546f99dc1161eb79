-- The order lifecycle's figures (issue 8): confirmed and cancelled orders (by reason) per day, and charged and
-- refunded amounts per day and currency (net revenue = charged - refunded), from order-lifecycle and payment-events.
-- Each event is counted once, in the transaction that claims it in processed_events (per order and event type).
-- Days are UTC days of the event's occurredAt. Slotted like V1's counters; reads sum the slots.
-- Kept out of daily_sales (whose rows count orders created that day, in the order's currency): an OrderCancelled has
-- no currency, and a day can have refunds but no new order.
CREATE TABLE daily_outcomes (
    day     date         NOT NULL,
    status  varchar(16)  NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
    -- The cancellation reason; '' for CONFIRMED (it is part of the key, so never null).
    reason  varchar(32)  NOT NULL CHECK ((status = 'CONFIRMED') = (reason = '')),
    slot    smallint     NOT NULL,
    orders  bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (day, status, reason, slot)
);

CREATE TABLE daily_payments (
    day            date      NOT NULL,
    currency       char(3)   NOT NULL,
    slot           smallint  NOT NULL,
    charged_minor  bigint    NOT NULL DEFAULT 0,
    refunded_minor bigint    NOT NULL DEFAULT 0,
    PRIMARY KEY (day, currency, slot)
);
