package dev.orderflow.orders.order.web;

import dev.orderflow.orders.order.Order;
import dev.orderflow.orders.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it. */
public record OrderResponse(
        UUID id,
        String customerId,
        Contact contact,
        String region,
        String currency,
        List<Item> items,
        long totalMinor,
        OrderStatus status,
        Instant createdAt) {

    /** How to reach the customer. */
    public record Contact(String email, String phone) {
    }

    /** One line of the order. */
    public record Item(String sku, int quantity, long unitPriceMinor) {
    }

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.customerId(), new Contact(order.email(), order.phone()),
                order.region(), order.currency(),
                order.items().stream().map(i -> new Item(i.sku(), i.quantity(), i.unitPriceMinor())).toList(),
                order.totalMinor(), order.status(), order.createdAt());
    }
}
