package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** The charge was refused; {@code reason} is the gateway's, e.g. {@code CARD_DECLINED} (event version 1). */
public record PaymentDeclined(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt, String reason) implements PaymentEvent {

    public static final String TYPE = "PaymentDeclined";

    public PaymentDeclined {
        Require.saga(eventId, orderId, customerId, occurredAt);
        Require.nonBlank(reason, "reason");
    }
}
