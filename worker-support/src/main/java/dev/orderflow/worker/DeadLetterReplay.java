package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Replays this group's dead-letter topics to this group only: the dead letters present when the replay starts are
 * read (from where the last replay stopped, tracked by the consumer group {@code <group>.dlt-replay}) and handled
 * like fresh records, by the same idempotent processing; one that fails again is dead-lettered again, behind the
 * replayed range. The other groups never see a replay, because it never goes through the shared source topic.
 */
public class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a replay did; {@code complete} is false if a record could not be settled (it stays for the next one). */
    public record Report(long processed, long duplicates, long deadLetteredAgain, boolean complete) {
    }

    private final ConsumerFactory<String, DomainEvent> consumers;
    private final IdempotentBatchProcessor processor;
    private final List<String> deadLetterTopics;
    private final String replayGroup;
    private final Duration timeout;

    DeadLetterReplay(ConsumerFactory<String, DomainEvent> consumers, IdempotentBatchProcessor processor,
            List<String> deadLetterTopics, String group, Duration timeout) {
        this.consumers = consumers;
        this.processor = processor;
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
        this.replayGroup = group + ".dlt-replay";
        this.timeout = timeout;
    }

    /** Dead letters not yet replayed, per dead-letter topic. */
    public synchronized Map<String, Long> pending() {
        try (Consumer<String, DomainEvent> consumer = consumers.createConsumer(replayGroup, "dlt-pending")) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            Map<String, Long> pending = new LinkedHashMap<>();
            deadLetterTopics.forEach(topic -> pending.put(topic, 0L));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = Math.max(start.get(partition), done == null ? 0 : done.offset());
                pending.merge(partition.topic(), end.get(partition) - from, Long::sum);
            }
            return pending;
        }
    }

    /** Replays every dead letter present now. */
    public synchronized Report replay() {
        BatchProgress.Counts total = BatchProgress.Counts.NONE;
        boolean complete = true;
        try (Consumer<String, DomainEvent> consumer = consumers.createConsumer(replayGroup, "dlt-replay")) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (behind(consumer, end) && Instant.now().isBefore(deadline)) {
                ConsumerRecords<String, DomainEvent> polled = consumer.poll(POLL);
                List<ConsumerRecord<String, DomainEvent>> batch = new ArrayList<>();
                for (ConsumerRecord<String, DomainEvent> record : polled) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        batch.add(record);
                    }
                }
                if (batch.isEmpty()) {
                    continue;
                }
                BatchProgress progress = processor.handle(batch, consumer);
                progress.apply(consumer);
                total = total.plus(progress.counts());
                if (!progress.complete()) {
                    complete = false;
                    break;
                }
            }
            complete = complete && !behind(consumer, end);
        }
        Report report = new Report(total.processed(), total.duplicates(), total.deadLettered(), complete);
        log.info("Dead-letter replay of {}: {}", deadLetterTopics, report);
        return report;
    }

    private List<TopicPartition> partitions(Consumer<?, ?> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : deadLetterTopics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    private static boolean behind(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }
}
