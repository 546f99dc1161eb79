package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order is cancelled (event version 1). {@code compensations} lists what order-service knew had succeeded
 * when it decided; participants undo their effect from their own records, not from this list.
 */
public record OrderCancelled(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt,
        Reason reason, List<Compensation> compensations) implements OrderLifecycleEvent {

    public static final String TYPE = "OrderCancelled";

    public OrderCancelled {
        Require.saga(eventId, orderId, customerId, occurredAt);
        Require.nonNull(reason, "reason");
        compensations = List.copyOf(Require.nonNull(compensations, "compensations"));
    }

    /** Why the order was cancelled: the first failure, or the customer. */
    public enum Reason { PAYMENT_DECLINED, OUT_OF_STOCK, CUSTOMER_REQUEST }

    /** An effect to undo. */
    public enum Compensation { REFUND_PAYMENT, RELEASE_STOCK }
}
