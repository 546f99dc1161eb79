package dev.orderflow.orders.order;

/** The latest payment result order-service knows of an order; none (null) until payment-worker reports. */
public enum PaymentResult {
    SUCCEEDED,
    DECLINED,
    /** Charged, then paid back because the order was cancelled. */
    REFUNDED
}
