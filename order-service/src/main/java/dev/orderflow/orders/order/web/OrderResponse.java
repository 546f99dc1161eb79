package dev.orderflow.orders.order.web;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.orders.order.HistoryEntry;
import dev.orderflow.orders.order.Order;
import dev.orderflow.orders.order.OrderStatus;
import dev.orderflow.orders.order.PaymentResult;
import dev.orderflow.orders.order.StockResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API shows it: what was ordered, where it is in its lifecycle ({@code status}, the latest
 * {@code payment} and {@code stock} results, the {@code cancellationReason}) and how it got there ({@code history}).
 */
public record OrderResponse(
        UUID id,
        String customerId,
        Contact contact,
        String region,
        String currency,
        List<Item> items,
        long totalMinor,
        OrderStatus status,
        PaymentResult payment,
        StockResult stock,
        OrderCancelled.Reason cancellationReason,
        Instant createdAt,
        List<Step> history) {

    /** How to reach the customer. */
    public record Contact(String email, String phone) {
    }

    /** One line of the order. */
    public record Item(String sku, int quantity, long unitPriceMinor) {
    }

    /**
     * One step of the history: {@code entry} (e.g. {@code PAYMENT_DECLINED}), a {@code detail} (e.g. the decline
     * reason) or null, the id of the event it came from or published, and {@code at}, when it happened.
     */
    public record Step(HistoryEntry.Type entry, String detail, UUID eventId, Instant at) {
    }

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.customerId(), new Contact(order.email(), order.phone()),
                order.region(), order.currency(),
                order.items().stream().map(i -> new Item(i.sku(), i.quantity(), i.unitPriceMinor())).toList(),
                order.totalMinor(), order.status(), order.payment(), order.stock(), order.cancellationReason(),
                order.createdAt(),
                order.history().stream().map(h -> new Step(h.type(), h.detail(), h.eventId(), h.occurredAt()))
                        .toList());
    }
}
