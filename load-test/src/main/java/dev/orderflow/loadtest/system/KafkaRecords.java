package dev.orderflow.loadtest.system;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records Kafka carried between two readings: produced, per topic (end offsets gained: no producer of orderflow
 * is transactional, so every offset is a record), and consumed, per group (committed offsets gained), over every
 * topic and group but Kafka's internal ones.
 */
final class KafkaRecords {

    /** A reading, or after {@link #minus} the records between two. Sorted by name. */
    record Snapshot(Map<String, Long> producedByTopic, Map<String, Long> consumedByGroup) {

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(minus(producedByTopic, earlier.producedByTopic),
                    minus(consumedByGroup, earlier.consumedByGroup));
        }

        long produced() {
            return producedByTopic.values().stream().mapToLong(Long::longValue).sum();
        }

        long consumed() {
            return consumedByGroup.values().stream().mapToLong(Long::longValue).sum();
        }

        private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> delta = new TreeMap<>();
            now.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0L)));
            return delta;
        }
    }

    private KafkaRecords() {
    }

    static Snapshot read(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        Map<String, Long> produced = endOffsets(admin, topics).entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().topic(), TreeMap::new,
                        Collectors.summingLong(Map.Entry::getValue)));
        Map<String, Long> consumed = new TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            consumed.put(group.groupId(), offsets.values().stream().filter(o -> o != null)
                    .mapToLong(OffsetAndMetadata::offset).sum());
        }
        return new Snapshot(produced, consumed);
    }

    /** The end offset of every partition of these topics now. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
