package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The worker's batch listener. Each polled batch is split into lanes (one per record key, or one per partition when
 * key ordering is off); the lanes run in parallel on virtual threads, the records of a lane one after another.
 * Unreadable records and records that keep failing are dead-lettered; then each partition may commit the offset just
 * past its durable records ({@link OffsetCommits} commits them once an interval), and a partition whose record is not
 * done is sent back to it. The listener returns only when the batch is settled, so a rebalance or shutdown (which
 * waits for the listener, and commits what was kept) never loses or doubles work. Each readable record is processed
 * inside its own consumer span ({@link RecordTracing}), current on its lane. A batch whose events all belong to
 * {@link BatchEventHandler}s is first recorded at once ({@link BatchRecording}), and goes through the lanes only if
 * that fails.
 */
class IdempotentBatchProcessor implements BatchAcknowledgingConsumerAwareMessageListener<String, DomainEvent> {

    private static final Logger log = LoggerFactory.getLogger(IdempotentBatchProcessor.class);
    private static final LogAccessor logAccessor = new LogAccessor(IdempotentBatchProcessor.class);

    private final IdempotentProcessor processor;
    private final DeadLetters deadLetters;
    private final WorkerProperties.Ordering ordering;
    private final Duration pauseBeforeRedelivery;
    private final RecordTracing tracing;
    /** Records a batch of batch handlers' events at once; null where no handler is one. */
    private final BatchRecording batches;
    private final OffsetCommits offsets;

    IdempotentBatchProcessor(IdempotentProcessor processor, BatchRecording batches, OffsetCommits offsets,
            DeadLetters deadLetters, WorkerProperties.Ordering ordering, Duration pauseBeforeRedelivery,
            RecordTracing tracing) {
        this.processor = processor;
        this.batches = batches;
        this.offsets = offsets;
        this.tracing = tracing;
        this.deadLetters = deadLetters;
        this.ordering = ordering;
        this.pauseBeforeRedelivery = pauseBeforeRedelivery;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, DomainEvent>> records, Acknowledgment acknowledgment,
            Consumer<?, ?> consumer) {
        BatchProgress progress = handle(records, consumer);
        try {
            offsets.add(consumer, progress.commits());
            progress.rewind(consumer);
        } catch (KafkaException e) {
            // Typically the partitions were revoked meanwhile: their new owner resumes from the last commit and
            // finds the work of this batch in the ledger.
            log.warn("Offsets of a batch not committed ({}); its records will be delivered again and deduplicated",
                    e.toString());
            return;
        }
        if (!progress.complete()) {
            log.warn("Records not done, consumed again after {}: {}", pauseBeforeRedelivery, progress.rewinds());
            pause();
        }
    }

    /** Processes a batch and dead-letters what must be; the caller commits and rewinds. */
    BatchProgress handle(List<ConsumerRecord<String, DomainEvent>> records, Consumer<?, ?> consumer) {
        RecordResult[] results = new RecordResult[records.size()];
        Map<Object, List<Integer>> lanes = new LinkedHashMap<>();
        List<DomainEvent> readable = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, DomainEvent> record = records.get(i);
            if (record.value() == null) {
                results[i] = new RecordResult.DeadLetter(unreadable(record));
            } else {
                lanes.computeIfAbsent(laneOf(record), lane -> new ArrayList<>()).add(i);
                readable.add(record.value());
            }
        }
        Set<Object> handledBefore = handledBefore(readable);
        boolean recordedAtOnce = handledBefore != null && batches != null && batches.takes(readable)
                && batches.record(records, lanes.values(), results, handledBefore, tracing);
        if (!recordedAtOnce) {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (List<Integer> lane : lanes.values()) {
                    threads.execute(() -> runLane(lane, records, results, handledBefore));
                }
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] instanceof RecordResult.DeadLetter dead) {
                results[i] = deadLetters.send(records.get(i), dead.cause(), consumer);
            }
        }
        return BatchProgress.of(records, results);
    }

    /** One query for the whole batch instead of one per record; null (ask per record) if the database is away. */
    private Set<Object> handledBefore(List<DomainEvent> events) {
        try {
            return processor.handledAmong(events);
        } catch (RuntimeException e) {
            log.warn("Could not look up the batch in the ledger, asking per record: {}", e.toString());
            return null;
        }
    }

    /**
     * Records of one lane in offset order; once one is not done, the rest wait for redelivery behind it. A record
     * whose key came earlier in the lane asks the ledger itself, since the batch's lookup predates that earlier one.
     */
    private void runLane(List<Integer> lane, List<ConsumerRecord<String, DomainEvent>> records,
            RecordResult[] results, Set<Object> handledBefore) {
        RecordResult.NotDone blocked = null;
        Set<Object> seen = new HashSet<>();
        for (int i : lane) {
            if (blocked != null) {
                results[i] = blocked;
                continue;
            }
            ConsumerRecord<String, DomainEvent> record = records.get(i);
            DomainEvent event = record.value();
            RecordResult result;
            try {
                result = tracing.process(record, () -> {
                    Object key = processor.keyOf(event);
                    boolean checked = handledBefore != null && key != null && seen.add(key);
                    return checked && handledBefore.contains(key)
                            ? processor.duplicate(event)
                            : processor.process(event, checked);
                });
            } catch (RuntimeException e) {
                result = new RecordResult.NotDone(e);
            }
            results[i] = result;
            if (result instanceof RecordResult.NotDone notDone) {
                blocked = notDone;
            }
        }
    }

    private Object laneOf(ConsumerRecord<String, DomainEvent> record) {
        if (ordering == WorkerProperties.Ordering.KEY && record.key() != null) {
            return record.key();
        }
        return new TopicPartition(record.topic(), record.partition());
    }

    private static Exception unreadable(ConsumerRecord<?, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
        if (failure == null) {
            return new EventFormatException("Record without a value (tombstone)");
        }
        // The reason itself (usually an EventFormatException naming the bad field), for the dead letter's headers.
        return failure.getCause() instanceof Exception reason ? reason : failure;
    }

    private void pause() {
        try {
            Thread.sleep(pauseBeforeRedelivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
