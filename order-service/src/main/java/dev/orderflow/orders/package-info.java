/** order-service: the orders API and database, and the outbox that publishes order-created. */
package dev.orderflow.orders;
