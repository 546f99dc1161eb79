package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** A charge was paid back because its order was cancelled (event version 1). */
public record PaymentRefunded(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt,
        UUID paymentId, long amountMinor, String currency) implements PaymentEvent {

    public static final String TYPE = "PaymentRefunded";

    public PaymentRefunded {
        Require.saga(eventId, orderId, customerId, occurredAt);
        Require.nonNull(paymentId, "paymentId");
        Require.that(amountMinor >= 0, "amountMinor must not be negative");
        Require.currency(currency, "currency");
    }
}
