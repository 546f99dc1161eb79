package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Processes one readable event exactly once in effect: skips it if the ledger knows it, performs the external effect
 * outside any transaction, then records the effect and claims the event in one transaction (claiming last keeps it to
 * one statement; if another delivery claimed it meanwhile, the record's writes roll back and the event counts as a
 * duplicate). That transaction is usually shared with other records' ({@link GroupCommitter}); the lane waits until
 * it has committed. A worker that handles several event types takes the order's lock first ({@link OrderLocks}), so
 * its handlers record one order's events one at a time. Failures are retried with bounded exponential backoff; what
 * still fails is dead-lettered, except an unreachable database or an unavailable provider ({@link
 * ProviderUnavailableException}), which are left to be consumed again (dead-lettering every order during an outage
 * would be wrong).
 */
class IdempotentProcessor {

    private static final Logger log = LoggerFactory.getLogger(IdempotentProcessor.class);

    private final EventHandlers handlers;
    private final RecordCommits commits;
    private final WorkerProperties.Retry retry;
    private final WorkerMetrics metrics;
    private final OrderLocks orderLocks;

    IdempotentProcessor(EventHandlers handlers, RecordCommits commits, WorkerProperties.Retry retry,
            WorkerMetrics metrics, OrderLocks orderLocks) {
        this.handlers = handlers;
        this.orderLocks = orderLocks;
        this.commits = commits;
        this.retry = retry;
        this.metrics = metrics;
    }

    /** The ledger keys of these events that are already handled, one query per ledger. */
    Set<Object> handledAmong(List<DomainEvent> events) {
        Map<Ledger, List<DomainEvent>> byLedger = new HashMap<>();
        for (DomainEvent event : events) {
            handlers.forEvent(event).ifPresent(b -> byLedger.computeIfAbsent(b.ledger(), l -> new ArrayList<>())
                    .add(event));
        }
        Set<Object> handled = new HashSet<>();
        byLedger.forEach((ledger, these) -> handled.addAll(ledger.handledAmong(these)));
        return handled;
    }

    /** The event's ledger key, or null if no handler takes it. */
    Object keyOf(DomainEvent event) {
        return handlers.forEvent(event).map(b -> b.ledger().keyOf(event)).orElse(null);
    }

    /** Acknowledges an event the ledger already has. */
    RecordResult duplicate(DomainEvent event) {
        metrics.duplicate();
        log.info("Order {} already processed: event {} acknowledged without repeating the effect",
                event.orderId(), event.eventId());
        return new RecordResult.Duplicate();
    }

    /**
     * Processes one event; {@code checked} says the ledger was just asked about it (by {@link #handledAmong}), so the
     * first attempt need not ask again.
     */
    RecordResult process(DomainEvent event, boolean checked) {
        var binding = handlers.forEvent(event).orElse(null);
        if (binding == null) {
            // A topic carries several event types (order-lifecycle: OrderConfirmed and OrderCancelled); a worker
            // subscribes for the ones it handles and lets the others pass. Unreadable records never get here.
            metrics.ignored();
            return new RecordResult.Ignored();
        }
        long started = System.nanoTime();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            try {
                RecordResult result = attempt(binding, event, checked && attempt == 1);
                if (result instanceof RecordResult.Processed) {
                    metrics.processed(event, Duration.ofNanos(System.nanoTime() - started));
                    return result;
                }
                return duplicate(event);
            } catch (EventFormatException e) {
                metrics.failedAttempt();
                return new RecordResult.DeadLetter(e);
            } catch (RuntimeException e) {
                metrics.failedAttempt();
                last = e;
                log.warn("Order {}: attempt {} of {} failed: {}", event.orderId(), attempt, retry.attempts(),
                        e.toString());
                if (attempt < retry.attempts() && !pause(retry.delayAfter(attempt))) {
                    return new RecordResult.NotDone(e);
                }
            }
        }
        boolean interrupted = Thread.currentThread().isInterrupted();
        return interrupted || outage(last)
                ? new RecordResult.NotDone(last)
                : new RecordResult.DeadLetter(last);
    }

    private RecordResult attempt(EventHandlers.Binding binding, DomainEvent event, boolean checked) {
        Ledger ledger = binding.ledger();
        if (!checked && ledger.contains(event)) {
            return new RecordResult.Duplicate();
        }
        Object result = binding.handler().perform(event);
        String outcome = commits.commit(() -> {
            if (handlers.severalTypesPerOrder()) {
                orderLocks.lock(event.orderId());
            }
            String recorded = Objects.requireNonNull(binding.handler().record(event, result),
                    () -> binding.handler().getClass().getSimpleName() + ".record returned no outcome");
            return ledger.claim(event, recorded) ? recorded : null;
        });
        return outcome == null ? new RecordResult.Duplicate() : new RecordResult.Processed(outcome);
    }

    /** The database or the provider is away as a whole: the order itself is not at fault. */
    private static boolean outage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProviderUnavailableException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }

    /** Waits before the next attempt; false if interrupted (shutdown), so the record is left for redelivery. */
    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
