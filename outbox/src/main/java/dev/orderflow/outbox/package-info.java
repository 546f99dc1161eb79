/**
 * The transactional outbox: {@link dev.orderflow.outbox.Outbox} stores an event in the caller's database
 * transaction, and {@link dev.orderflow.outbox.OutboxRelay} sends the committed events to Kafka in the order they
 * were stored, marking each published only after Kafka acknowledged it. Knows nothing of any one service: every
 * producing service (order-service, payment-worker, inventory-worker) uses it unchanged through its
 * auto-configuration. Why our own relay and not a library: {@code docs/decisions/0001-outbox-relay.md}.
 */
package dev.orderflow.outbox;
