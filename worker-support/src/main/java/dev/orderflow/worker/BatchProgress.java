package dev.orderflow.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each partition of a handled batch may commit: just past its last record if every record is durable, else at
 * its first record that is not, to which the consumer is sent back so that record (and what follows) comes again.
 */
record BatchProgress(Map<TopicPartition, OffsetAndMetadata> commits, Map<TopicPartition, Long> rewinds,
        Counts counts) {

    /** How many records of the batch ended how. */
    record Counts(long processed, long duplicates, long deadLettered, long notDone) {

        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(processed + other.processed, duplicates + other.duplicates,
                    deadLettered + other.deadLettered, notDone + other.notDone);
        }
    }

    static <V> BatchProgress of(List<ConsumerRecord<String, V>> records, RecordResult[] results) {
        Map<TopicPartition, Long> firstOffset = new LinkedHashMap<>();
        Map<TopicPartition, Long> durableUpTo = new LinkedHashMap<>();
        Map<TopicPartition, Long> rewinds = new LinkedHashMap<>();
        long processed = 0;
        long duplicates = 0;
        long deadLettered = 0;
        long notDone = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, V> record = records.get(i);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firstOffset.putIfAbsent(partition, record.offset());
            RecordResult result = results[i];
            switch (result) {
                case RecordResult.Processed p -> processed++;
                case RecordResult.Duplicate d -> duplicates++;
                // Nothing to do for this worker, and nothing left to do: like a duplicate for the replay's counts.
                case RecordResult.Ignored ignored -> duplicates++;
                case RecordResult.DeadLettered d -> deadLettered++;
                default -> notDone++;
            }
            if (rewinds.containsKey(partition)) {
                continue;
            }
            if (result.durable()) {
                durableUpTo.put(partition, record.offset() + 1);
            } else {
                rewinds.put(partition, record.offset());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        durableUpTo.forEach((partition, next) -> {
            if (next > firstOffset.get(partition)) {
                commits.put(partition, new OffsetAndMetadata(next));
            }
        });
        return new BatchProgress(commits, rewinds, new Counts(processed, duplicates, deadLettered, notDone));
    }

    /** Commits the durable prefix of every partition at once, then rewinds (the dead-letter replay's own consumer). */
    void apply(Consumer<?, ?> consumer) {
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
        rewind(consumer);
    }

    /** Sends the consumer back to the first unfinished record of every partition that has one. */
    void rewind(Consumer<?, ?> consumer) {
        rewinds.forEach(consumer::seek);
    }

    boolean complete() {
        return rewinds.isEmpty();
    }
}
