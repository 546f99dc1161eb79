package dev.orderflow.orders.idempotency;

/** The Idempotency-Key was already used for a request with another body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request body");
    }
}
