package dev.orderflow.orders.order;

/** Where an order is in its lifecycle; every order starts PENDING, the saga decides the rest. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    CANCELLED
}
