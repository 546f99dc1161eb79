package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** The order's total was charged (event version 1). */
public record PaymentSucceeded(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt,
        UUID paymentId, long amountMinor, String currency, String gatewayReference) implements PaymentEvent {

    public static final String TYPE = "PaymentSucceeded";

    public PaymentSucceeded {
        Require.saga(eventId, orderId, customerId, occurredAt);
        Require.nonNull(paymentId, "paymentId");
        Require.that(amountMinor >= 0, "amountMinor must not be negative");
        Require.currency(currency, "currency");
        Require.nonBlank(gatewayReference, "gatewayReference");
    }
}
