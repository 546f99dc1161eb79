package dev.orderflow.worker.testing;

import dev.orderflow.testsupport.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** What a consumer group has committed, read through the admin client as an operator would. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until the group has committed everything on the topic, i.e. every record published before this call
     * has been handled (processed, found a duplicate, or dead-lettered) and its offset committed.
     */
    public static void awaitCaughtUp(String group, String topic) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lag(group, topic) == 0);
    }

    /** Every offset the group has committed, by partition. */
    public static Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try (Admin admin = TestKafka.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + group, e);
        }
    }

    /** Records of the topic the group has not committed past yet (its total lag). */
    public static long lag(String group, String topic) {
        try (Admin admin = TestKafka.admin()) {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                lag += end.get(partition).offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + group, e);
        }
    }
}
