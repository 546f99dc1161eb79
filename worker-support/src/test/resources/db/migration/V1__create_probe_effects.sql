-- The probe worker's effect: deliberately without a unique order id, so a doubled effect would show.
CREATE TABLE probe_effects (
    id          bigserial   PRIMARY KEY,
    order_id    uuid        NOT NULL,
    customer_id text        NOT NULL,
    sequence    int         NOT NULL
);
