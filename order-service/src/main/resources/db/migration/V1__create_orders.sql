-- Orders and their lines. Ids are UUIDs made by the service. status is PENDING at creation; the lifecycle
-- (saga) moves it to CONFIRMED or CANCELLED.
CREATE TABLE orders (
    id          uuid        PRIMARY KEY,
    version     bigint      NOT NULL,
    customer_id varchar(64) NOT NULL,
    email       varchar(254),
    phone       varchar(16),
    region      varchar(16),
    currency    varchar(3)  NOT NULL,
    total_minor bigint      NOT NULL CHECK (total_minor >= 0),
    status      varchar(16) NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
    created_at  timestamptz NOT NULL
);

-- GET /orders?customerId=...: a customer's orders, newest first.
CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id);

CREATE TABLE order_items (
    id               uuid        PRIMARY KEY,
    order_id         uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_number      integer     NOT NULL,
    sku              varchar(64) NOT NULL,
    quantity         integer     NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_minor bigint      NOT NULL CHECK (unit_price_minor >= 0),
    UNIQUE (order_id, line_number)
);
