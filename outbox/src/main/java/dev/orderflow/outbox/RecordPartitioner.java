package dev.orderflow.outbox;

import java.util.Map;

/**
 * Chooses the partition of an outbox event when the key's hash is not what the deployment wants. Kafka's own
 * {@code Partitioner} never sees record headers, so the relay asks this before it hands the record over.
 */
public interface RecordPartitioner {

    /**
     * The partition for an event, or {@code null} for Kafka's default (the key's murmur2 hash).
     *
     * @param partitions how many partitions the topic has now
     */
    Integer partitionFor(String topic, String key, Map<String, String> headers, int partitions);

    /** Kafka's default: by key. */
    RecordPartitioner BY_KEY = (topic, key, headers, partitions) -> null;
}
