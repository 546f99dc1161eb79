package dev.orderflow.events;

/** What order-service decides and publishes on {@code order-lifecycle}. */
public sealed interface OrderLifecycleEvent extends SagaEvent permits OrderConfirmed, OrderCancelled {
}
