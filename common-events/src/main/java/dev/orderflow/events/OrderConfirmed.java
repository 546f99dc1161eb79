package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** Payment and stock both succeeded: the order is confirmed (event version 1). */
public record OrderConfirmed(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt, long totalMinor, String currency)
        implements OrderLifecycleEvent {

    public static final String TYPE = "OrderConfirmed";

    public OrderConfirmed {
        Require.saga(eventId, orderId, customerId, occurredAt);
        Require.that(totalMinor >= 0, "totalMinor must not be negative");
        Require.currency(currency, "currency");
    }
}
