package dev.orderflow.orders.order.web;

/** The Idempotency-Key header is blank or longer than 255 characters. */
class InvalidIdempotencyKeyException extends RuntimeException {

    InvalidIdempotencyKeyException() {
        super("must be 1 to 255 visible ASCII characters");
    }
}
