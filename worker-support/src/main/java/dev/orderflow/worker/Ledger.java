package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;

/**
 * Where a worker remembers which events it has handled. {@link #claim} runs in the transaction of the worker's
 * effect; a concurrent claim of the same event waits for that transaction and then finds it taken.
 */
interface Ledger {

    /** Whether the event is already handled: the fast path that skips the external call. */
    boolean contains(DomainEvent event);

    /** Claims the event in the current transaction; false if another delivery already did. */
    boolean claim(DomainEvent event);

    /** Stores the outcome of the claimed event, in the same transaction. */
    void complete(DomainEvent event, String outcome);
}
