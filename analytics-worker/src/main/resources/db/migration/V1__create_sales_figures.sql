-- Sales figures projected from order-created, counted once per order in the transaction that claims it in
-- processed_orders. Each counter is split over a few rows (slot = hash of the order id) so that concurrent orders of
-- one day and currency do not all wait for one row lock; reads sum the slots. Days are UTC.
-- Issue 8 (order lifecycle) adds columns here for confirmed and cancelled orders and charged / refunded amounts per
-- day and currency (net revenue = charged - refunded), counted from payment-events and order-lifecycle.
CREATE TABLE daily_sales (
    day                 date      NOT NULL,
    currency            char(3)   NOT NULL,
    slot                smallint  NOT NULL,
    orders              bigint    NOT NULL DEFAULT 0,
    gross_revenue_minor bigint    NOT NULL DEFAULT 0,
    PRIMARY KEY (day, currency, slot)
);

CREATE TABLE region_sales (
    day                 date      NOT NULL,
    region              text      NOT NULL,
    currency            char(3)   NOT NULL,
    slot                smallint  NOT NULL,
    orders              bigint    NOT NULL DEFAULT 0,
    gross_revenue_minor bigint    NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region, currency, slot)
);

CREATE TABLE sku_sales (
    day                 date      NOT NULL,
    sku                 text      NOT NULL,
    currency            char(3)   NOT NULL,
    slot                smallint  NOT NULL,
    orders              bigint    NOT NULL DEFAULT 0,
    units               bigint    NOT NULL DEFAULT 0,
    gross_revenue_minor bigint    NOT NULL DEFAULT 0,
    PRIMARY KEY (day, sku, currency, slot)
);
