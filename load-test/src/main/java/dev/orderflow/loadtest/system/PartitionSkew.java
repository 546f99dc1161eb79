package dev.orderflow.loadtest.system;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * How evenly a phase's records spread over a topic's partitions: the records each partition gained (end offsets
 * after minus before). A partition far above the mean is the one whose consumer falls behind first, since a
 * partition is never consumed by more than one instance of a group.
 *
 * @param perPartition records gained, by partition number
 */
record PartitionSkew(Map<Integer, Long> perPartition) {

    /** The end offset of each partition of {@code topic} now. */
    static Map<Integer, Long> endOffsets(Admin admin, String topic) throws Exception {
        return KafkaRecords.endOffsets(admin, List.of(topic)).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue, (a, b) -> a,
                        TreeMap::new));
    }

    static PartitionSkew between(Map<Integer, Long> before, Map<Integer, Long> after) {
        Map<Integer, Long> gained = new TreeMap<>();
        after.forEach((partition, end) -> gained.put(partition, end - before.getOrDefault(partition, 0L)));
        return new PartitionSkew(gained);
    }

    long total() {
        return perPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    long max() {
        return perPartition.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long min() {
        return perPartition.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    double mean() {
        return perPartition.isEmpty() ? 0 : (double) total() / perPartition.size();
    }

    /** The busiest partition's share relative to an even spread: 1.0 is perfectly even. */
    double maxOverMean() {
        return mean() == 0 ? 0 : max() / mean();
    }

    long idlePartitions() {
        return perPartition.values().stream().filter(n -> n == 0).count();
    }
}
