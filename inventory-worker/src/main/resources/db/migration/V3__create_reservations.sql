-- One reservation per order: RESERVED with the items taken from stock, or REJECTED with what was short.
CREATE TABLE reservations (
    order_id    uuid         PRIMARY KEY,
    customer_id text         NOT NULL,
    status      varchar(16)  NOT NULL CHECK (status IN ('RESERVED', 'REJECTED')),
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE reservation_items (
    order_id uuid        NOT NULL REFERENCES reservations (order_id),
    sku      varchar(64) NOT NULL,
    quantity int         NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);

CREATE TABLE reservation_shortages (
    order_id  uuid        NOT NULL REFERENCES reservations (order_id),
    sku       varchar(64) NOT NULL,
    requested int         NOT NULL,
    available int         NOT NULL,
    PRIMARY KEY (order_id, sku)
);
