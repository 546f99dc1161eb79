package dev.orderflow.orders.order;

import java.util.UUID;

/**
 * A result names an order this order-service's database does not have. Thrown to the consumer core, which retries
 * for a few seconds and then dead-letters the record with this message in its headers.
 */
public class UnknownOrderException extends RuntimeException {

    public UnknownOrderException(UUID orderId) {
        super("order " + orderId + " is unknown to order-service");
    }
}
