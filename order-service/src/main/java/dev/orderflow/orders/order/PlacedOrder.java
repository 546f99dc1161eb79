package dev.orderflow.orders.order;

/** The outcome of placing an order: the order, and whether this call created it or replayed an earlier one. */
public record PlacedOrder(Order order, boolean created) {
}
