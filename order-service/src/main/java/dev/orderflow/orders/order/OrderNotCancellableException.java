package dev.orderflow.orders.order;

import dev.orderflow.events.OrderCancelled;
import java.util.UUID;

/** The customer asked to cancel an order that was already cancelled for another reason (a failed payment, say). */
public class OrderNotCancellableException extends RuntimeException {

    private final UUID orderId;
    private final OrderCancelled.Reason reason;

    public OrderNotCancellableException(UUID orderId, OrderCancelled.Reason reason) {
        super("Order " + orderId + " was already cancelled: " + reason);
        this.orderId = orderId;
        this.reason = reason;
    }

    public UUID orderId() {
        return orderId;
    }

    /** Why it was cancelled. */
    public OrderCancelled.Reason reason() {
        return reason;
    }
}
