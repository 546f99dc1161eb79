package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a whole polled batch in one transaction when every event in it belongs to a {@link BatchEventHandler}:
 * {@code perform} per event (in parallel across lanes, in order within one), then one transaction that claims the
 * batch's events with one statement per ledger and hands each handler only the events it claimed. The caller commits
 * the offsets after this returns, so only after the transaction has committed. If anything fails, the transaction
 * keeps nothing and this answers false: the caller then runs the batch through the per-record path, whose retries,
 * savepoints and dead letters isolate the event at fault.
 *
 * <p>Why: per record, an analytics event cost three round trips (its order's lock, its counters, its claim) inside a
 * shared transaction, which held a rebuild near 3,700 events/s; per batch the round trips are a handful for a
 * thousand events (docs/benchmarks/analytics-rebuild.md).
 */
final class BatchRecording {

    private static final Logger log = LoggerFactory.getLogger(BatchRecording.class);

    private final EventHandlers handlers;
    private final TransactionTemplate transaction;
    private final WorkerMetrics metrics;
    private final IdempotentProcessor processor;

    BatchRecording(EventHandlers handlers, TransactionTemplate transaction, WorkerMetrics metrics,
            IdempotentProcessor processor) {
        this.handlers = handlers;
        this.transaction = transaction;
        this.metrics = metrics;
        this.processor = processor;
    }

    /** Whether a batch handler takes every handled event of the batch, so the batch can be recorded at once. */
    boolean takes(List<DomainEvent> events) {
        boolean any = false;
        for (DomainEvent event : events) {
            var binding = handlers.forEvent(event);
            if (binding.isPresent()) {
                if (binding.get().batchHandler() == null) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * Records the batch's readable records ({@code lanes} holds their indexes) and fills in their results; false, with
     * no result filled in and nothing kept, if the batch must go through the per-record path instead.
     *
     * @param handledBefore the ledger keys of the batch already handled, looked up before
     */
    boolean record(List<ConsumerRecord<String, DomainEvent>> records, Collection<List<Integer>> lanes,
            RecordResult[] results, Set<Object> handledBefore, RecordTracing tracing) {
        long started = System.nanoTime();
        List<ConsumerRecord<String, DomainEvent>> readable = new ArrayList<>();
        lanes.forEach(lane -> lane.forEach(i -> readable.add(records.get(i))));
        RecordTracing.Spans spans = tracing.startAll(readable);
        try {
            return record(records, lanes, results, handledBefore, spans, started);
        } catch (RuntimeException | Error e) {
            spans.failAll(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
            throw e;
        }
    }

    private boolean record(List<ConsumerRecord<String, DomainEvent>> records, Collection<List<Integer>> lanes,
            RecordResult[] results, Set<Object> handledBefore, RecordTracing.Spans spans, long started) {
        // Batch order: offset order within each partition, as the poll handed it. Each record's handler and ledger key
        // are looked up once here.
        List<Integer> toRecord = new ArrayList<>();
        EventHandlers.Binding[] bindings = new EventHandlers.Binding[records.size()];
        Object[] keys = new Object[records.size()];
        Set<Object> seen = new HashSet<>();
        RecordResult[] outcome = new RecordResult[records.size()];
        for (int i = 0; i < records.size(); i++) {
            DomainEvent event = records.get(i).value();
            if (event == null) {
                continue;
            }
            bindings[i] = handlers.forEvent(event).orElse(null);
            if (bindings[i] == null) {
                outcome[i] = new RecordResult.Ignored();
                continue;
            }
            keys[i] = bindings[i].ledger().keyOf(event);
            if (handledBefore.contains(keys[i]) || !seen.add(keys[i])) {
                outcome[i] = new RecordResult.Duplicate();
            } else {
                toRecord.add(i);
            }
        }
        try {
            performAll(records, lanes, bindings, outcome, spans);
            Set<Object> claimed = transaction.execute(status -> recordAll(records, bindings, keys, toRecord));
            for (int i : toRecord) {
                outcome[i] = claimed.contains(keys[i])
                        ? new RecordResult.Processed(bindings[i].batchHandler().outcome())
                        : new RecordResult.Duplicate();
            }
        } catch (RuntimeException e) {
            // The innermost cause: a DataAccessException's own message repeats the whole statement.
            log.warn("Batch of {} records not recorded at once, each goes through the per-record path: {}",
                    records.size(), NestedExceptionUtils.getMostSpecificCause(e).toString());
            spans.failAll(e);
            return false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, DomainEvent> record = records.get(i);
            if (record.value() == null) {
                continue;
            }
            results[i] = switch (outcome[i]) {
                case RecordResult.Processed processed -> {
                    metrics.processed(record.value(), took);
                    recorded(bindings[i].batchHandler(), record, spans);
                    yield processed;
                }
                case RecordResult.Duplicate duplicate -> processor.duplicate(record.value());
                default -> {
                    metrics.ignored();
                    yield outcome[i];
                }
            };
            spans.end(record, results[i]);
        }
        return true;
    }

    /** The handler's word on a recorded event (its log line), in the event's span so the line carries its trace id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void recorded(BatchEventHandler handler, ConsumerRecord<String, DomainEvent> record,
            RecordTracing.Spans spans) {
        spans.inScope(record, () -> {
            handler.recorded(record.value());
            return null;
        });
    }

    /** Each lane's events in offset order, the lanes in parallel; the first failure fails the batch. */
    private void performAll(List<ConsumerRecord<String, DomainEvent>> records, Collection<List<Integer>> lanes,
            EventHandlers.Binding[] bindings, RecordResult[] outcome, RecordTracing.Spans spans) {
        List<Future<?>> performing = new ArrayList<>(lanes.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Integer> lane : lanes) {
                performing.add(threads.submit(() -> {
                    for (int i : lane) {
                        if (outcome[i] == null) {
                            ConsumerRecord<String, DomainEvent> record = records.get(i);
                            spans.inScope(record, () -> bindings[i].batchHandler().perform(record.value()));
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> lane : performing) {
            switch (lane.state()) {
                case SUCCESS -> {
                }
                case FAILED -> throw lane.exceptionNow() instanceof RuntimeException e
                        ? e : new IllegalStateException("perform failed", lane.exceptionNow());
                // Cancelled by an interrupt (shutdown, revocation): not performed, so not recorded either.
                default -> throw new IllegalStateException("perform did not finish: " + lane.state());
            }
        }
    }

    /**
     * Inside the batch's transaction: claims the events, one statement per ledger (ledgers in a fixed order), then has
     * each handler record the events it claimed; answers the keys claimed.
     */
    private Set<Object> recordAll(List<ConsumerRecord<String, DomainEvent>> records,
            EventHandlers.Binding[] bindings, Object[] keys, List<Integer> toRecord) {
        Map<Ledger, List<DomainEvent>> byLedger = new LinkedHashMap<>();
        Map<Ledger, List<String>> outcomes = new LinkedHashMap<>();
        for (int i : toRecord) {
            Ledger ledger = bindings[i].ledger();
            byLedger.computeIfAbsent(ledger, l -> new ArrayList<>()).add(records.get(i).value());
            outcomes.computeIfAbsent(ledger, l -> new ArrayList<>()).add(bindings[i].batchHandler().outcome());
        }
        Set<Object> claimed = new HashSet<>();
        byLedger.keySet().stream()
                .sorted(Comparator.comparing(ledger -> ledger.getClass().getName()))
                .forEach(ledger -> claimed.addAll(ledger.claimAll(byLedger.get(ledger), outcomes.get(ledger))));
        Map<BatchEventHandler<DomainEvent>, List<DomainEvent>> byHandler = new LinkedHashMap<>();
        for (int i : toRecord) {
            if (claimed.contains(keys[i])) {
                byHandler.computeIfAbsent(bindings[i].batchHandler(), h -> new ArrayList<>())
                        .add(records.get(i).value());
            }
        }
        // Handlers in a fixed order too, so two batches take their rows in the same order.
        byHandler.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getKey().eventType().getName()))
                .forEach(entry -> entry.getKey().recordAll(entry.getValue()));
        return claimed;
    }
}
