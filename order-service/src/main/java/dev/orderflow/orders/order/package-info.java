/**
 * Orders: placing one (the order and its {@code OrderCreated} event commit together through the outbox) and
 * reading them back. The HTTP face is in {@code web}.
 */
package dev.orderflow.orders.order;
