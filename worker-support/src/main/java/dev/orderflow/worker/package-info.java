/**
 * The consumer core every orderflow worker shares. A worker declares one {@link dev.orderflow.worker.EventHandler}
 * bean per event type it consumes (for {@code order-created}: an {@link dev.orderflow.worker.OrderCreatedHandler});
 * this package subscribes its consumer group, creates its topics and dead-letter topics, processes each polled batch
 * in parallel across keys (in order within a key) on virtual threads, performs the slow external effect outside any
 * transaction, records the effect together with the processed-order marker in one database transaction (shared by a
 * group of records: {@link dev.orderflow.worker.GroupCommitter}; or by a whole polled batch, claimed and recorded with
 * set-based statements, for a {@link dev.orderflow.worker.BatchEventHandler}), commits offsets only past durable
 * work, dead-letters what cannot be processed, replays a group's dead letters on request
 * and publishes metrics.
 */
package dev.orderflow.worker;
