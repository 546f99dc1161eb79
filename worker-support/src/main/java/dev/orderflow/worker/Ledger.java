package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where a worker remembers which events it has handled, by a key per event (the order id for OrderCreated).
 * {@link #claim} runs in the transaction of the worker's effect; a concurrent claim of the same key waits for that
 * transaction and then finds the key taken.
 */
interface Ledger {

    /** The key under which an event counts as handled. */
    Object keyOf(DomainEvent event);

    /** Whether the event is already handled: the fast path that skips the external call. */
    boolean contains(DomainEvent event);

    /** The keys of these events that are already handled, in one query: the fast path for a whole batch. */
    Set<Object> handledAmong(Collection<DomainEvent> events);

    /** Claims the event with its outcome in the current transaction; false if another delivery already did. */
    boolean claim(DomainEvent event, String outcome);

    /**
     * Claims these events (of distinct keys), each with its outcome, in the current transaction and one statement, in
     * key order (so two batches that share keys queue instead of deadlocking); answers the keys claimed here, without
     * those another delivery already holds.
     */
    Set<Object> claimAll(List<DomainEvent> events, List<String> outcomes);
}
