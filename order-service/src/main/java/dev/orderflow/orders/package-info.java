/**
 * order-service: the orders API and database, the outbox that publishes order-created and order-lifecycle, and the
 * order lifecycle (the saga's orchestrator) fed by payment-events and inventory-events.
 */
package dev.orderflow.orders;
