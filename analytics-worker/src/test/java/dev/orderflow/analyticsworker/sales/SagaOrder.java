package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.PaymentSucceeded;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One order's lifecycle events at chosen times, each a new event id, for a customer of its own. */
public record SagaOrder(UUID orderId, String customerId, UUID paymentId) {

    public static SagaOrder newOrder() {
        return new SagaOrder(UUID.randomUUID(), "shopper-" + UUID.randomUUID(), UUID.randomUUID());
    }

    public PaymentSucceeded charged(Instant at, long amountMinor, String currency) {
        return new PaymentSucceeded(UUID.randomUUID(), orderId, customerId, at, paymentId, amountMinor, currency,
                "gw-" + paymentId);
    }

    public PaymentDeclined declined(Instant at) {
        return new PaymentDeclined(UUID.randomUUID(), orderId, customerId, at, "CARD_DECLINED");
    }

    public PaymentRefunded refunded(Instant at, long amountMinor, String currency) {
        return new PaymentRefunded(UUID.randomUUID(), orderId, customerId, at, paymentId, amountMinor, currency);
    }

    public OrderConfirmed confirmed(Instant at, long totalMinor, String currency) {
        return new OrderConfirmed(UUID.randomUUID(), orderId, customerId, at, totalMinor, currency);
    }

    public OrderCancelled cancelled(Instant at, OrderCancelled.Reason reason) {
        return new OrderCancelled(UUID.randomUUID(), orderId, customerId, at, reason, List.of());
    }
}
