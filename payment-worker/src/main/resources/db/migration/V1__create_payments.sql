-- One payment per order: the result of charging its total through the payment gateway.
CREATE TABLE payments (
    order_id          uuid         PRIMARY KEY,
    customer_id       text         NOT NULL,
    amount_minor      bigint       NOT NULL CHECK (amount_minor >= 0),
    currency          char(3)      NOT NULL,
    status            varchar(16)  NOT NULL CHECK (status IN ('SUCCEEDED', 'DECLINED')),
    gateway_reference text,
    decline_reason    varchar(64),
    created_at        timestamptz  NOT NULL DEFAULT now()
);
