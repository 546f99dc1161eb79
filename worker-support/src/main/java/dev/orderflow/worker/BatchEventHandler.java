package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import java.util.List;

/**
 * An {@link EventHandler} that records a whole polled batch of its events at once, with set-based statements, in one
 * transaction that also claims them all in the ledger (one statement per ledger). For a projection whose effect is
 * sums (analytics' counters): it adds a batch up in memory and writes each counter row once, where the per-record
 * step costs round trips per event.
 *
 * <p>What the core promises: {@link #recordAll} gets only events it has just claimed in this transaction (a
 * redelivered or concurrently delivered one is left out), in offset order within each partition; their offsets are
 * committed only after the transaction has committed. If the batch fails (an exception anywhere, the commit refused),
 * nothing of it is kept and its records go through the per-record path instead ({@link #record}, which calls
 * {@code recordAll} with one event), with its retries, savepoints and dead letters: so a poison event still ends in
 * the dead-letter topic alone.
 *
 * <p>What it asks: the effect of an event must not depend on what other events of the same order recorded (sums do
 * not), because the batch takes no per-order lock; and {@code recordAll} writes its rows in a fixed order (sorted by
 * key), so two batches that share rows queue on them instead of deadlocking. {@link #perform} still runs first,
 * outside the transaction, for each event not yet handled.
 *
 * @param <E> the event type
 */
public interface BatchEventHandler<E extends DomainEvent> extends EventHandler<E, Void> {

    /** The outcome kept in the ledger for every event this handler records, e.g. {@code COUNTED}. */
    String outcome();

    /**
     * Records the effect of these events in the current transaction, in which the core has just claimed them. Never
     * commits, rolls back or starts a transaction of its own.
     */
    void recordAll(List<E> events);

    /**
     * Called for each event once its effect is recorded, inside that event's span (its trace id in the log line):
     * on the batch path after the commit, on the per-record path right after {@link #recordAll}. For the effect's
     * log line; nothing by default.
     */
    default void recorded(E event) {
    }

    /** Nothing external by default; a handler with a slow effect overrides it (it runs per event, in parallel). */
    @Override
    default Void perform(E event) {
        return null;
    }

    /** The per-record path (a failed batch's records, or group commit): the same statement for one event. */
    @Override
    default String record(E event, Void nothing) {
        recordAll(List.of(event));
        recorded(event);
        return outcome();
    }
}
