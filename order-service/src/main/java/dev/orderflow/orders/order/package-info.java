/**
 * Orders: placing one (the order and its {@code OrderCreated} event commit together through the outbox), reading
 * them back, and their lifecycle: {@link dev.orderflow.orders.order.Order} holds the rules,
 * {@link dev.orderflow.orders.order.OrderLifecycle} applies payment and stock results (consumed through
 * worker-support by {@code ResultHandlers}) and the customer's cancellation, publishing each decision on
 * {@code order-lifecycle}. The HTTP face is in {@code web}.
 */
package dev.orderflow.orders.order;
