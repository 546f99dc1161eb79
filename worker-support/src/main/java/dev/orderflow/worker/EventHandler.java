package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;

/**
 * What a worker does with one event type, in two phases, so that a slow external call never holds a database
 * transaction (or one of its connections) open while hundreds of orders are in flight.
 *
 * <p>The core calls {@link #perform} outside any transaction, unless the event is already known as processed, and then
 * {@link #record} inside the transaction that also claims the event in the worker's ledger (for
 * {@code OrderCreated}: the {@code processed_orders} table, claimed after {@code record} with its outcome). If another
 * delivery of the same event claimed it meanwhile, {@code record}'s writes are rolled back and the event counts as a
 * duplicate. Either phase may throw: the core retries the pair with bounded exponential backoff and then sends the
 * record to the group's dead-letter topic.
 *
 * <p>With group commit (the default, {@code orderflow.worker.group-commit.*}) that transaction is shared: a committer
 * thread runs the {@code record}s of many events in one transaction, and the
 * event's lane waits until it has committed. So {@code record} runs on the committer's thread (with the event's
 * tracing span current, not the lane's other thread-locals), sees what earlier {@code record}s of its group wrote, and
 * must stay short and make no external call: the whole group waits for it. If it throws, or the claim is lost, the
 * group is rolled back and run again with each event isolated (a savepoint each, or a transaction each with JPA), so
 * only this event's writes and transaction callbacks are dropped and {@code record} may run twice; if the group's
 * transaction fails, every event in it is retried.
 *
 * @param <E> the event type
 * @param <R> what the external effect returned, handed to {@code record}
 */
public interface EventHandler<E extends DomainEvent, R> {

    /** The topic the events arrive on. */
    String topic();

    /** The event record class this handler takes; one handler per class and worker. */
    Class<E> eventType();

    /**
     * The external effect (a payment provider, a mail server, a slow API), outside any transaction. It may run again
     * for the same event after a crash between this call and the commit of {@link #record}, so it must be idempotent
     * by the event's order id: pass it as the provider's idempotency key, or record the attempt first.
     */
    R perform(E event);

    /**
     * Stores the worker's effect in the current transaction (usually a group's), which
     * also holds the processed-event marker and the outbox rows; returns the outcome kept with the marker, e.g.
     * {@code PAID} or {@code DECLINED}. Never commits, rolls back or starts a transaction of its own.
     */
    String record(E event, R result);
}
