-- Units available per SKU. The check is the last guard against overselling; reservations lock rows in SKU order.
CREATE TABLE stock (
    sku        varchar(64)  PRIMARY KEY,
    available  int          NOT NULL CHECK (available >= 0),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
