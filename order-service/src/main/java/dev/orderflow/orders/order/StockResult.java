package dev.orderflow.orders.order;

/** The latest stock result order-service knows of an order; none (null) until inventory-worker reports. */
public enum StockResult {
    RESERVED,
    REJECTED,
    /** Reserved, then given back because the order was cancelled. */
    RELEASED
}
