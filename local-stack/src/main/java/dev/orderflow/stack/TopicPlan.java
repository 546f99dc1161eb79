package dev.orderflow.stack;

import dev.orderflow.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of ARCHITECTURE.md and who reads them, so that every event topic and every group's dead-letter
 * topic exists, with the contract's settings, before the first service starts.
 */
public final class TopicPlan {

    /** Consuming groups per event topic, as the contract lists them. */
    public static final Map<String, List<String>> READERS = Map.of(
            Topics.ORDER_CREATED, List.of("payment-worker", "inventory-worker", "email-worker", "sms-worker",
                    "analytics-worker"),
            Topics.PAYMENT_EVENTS, List.of("order-service", "analytics-worker"),
            Topics.INVENTORY_EVENTS, List.of("order-service", "analytics-worker"),
            Topics.ORDER_LIFECYCLE, List.of("payment-worker", "inventory-worker", "email-worker", "analytics-worker"));

    private static final Duration EVENT_RETENTION = Duration.ofDays(7);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    private TopicPlan() {
    }

    public static List<NewTopic> topics(int partitions, int brokers) {
        short replication = (short) Math.min(3, brokers);
        String minInSync = brokers >= 3 ? "2" : "1";
        List<NewTopic> topics = new ArrayList<>();
        READERS.forEach((topic, groups) -> {
            topics.add(topic(topic, partitions, replication, minInSync, EVENT_RETENTION));
            groups.forEach(group -> topics.add(
                    topic(Topics.deadLetter(topic, group), partitions, replication, minInSync, DEAD_LETTER_RETENTION)));
        });
        return topics;
    }

    /** Creates what is missing (topics that exist are left as they are) and waits until every one is served. */
    public static void createAll(Admin admin, int partitions, int brokers) {
        List<NewTopic> topics = topics(partitions, brokers);
        var results = admin.createTopics(topics).values();
        for (var result : results.entrySet()) {
            try {
                result.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + result.getKey() + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + result.getKey(), e);
            }
        }
        awaitServed(admin, topics.stream().map(NewTopic::name).toList());
    }

    /** Creation returns before every broker knows the topic; wait until each has a leader for every partition. */
    private static void awaitServed(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                boolean led = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topics not served within 30 s: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics have partitions without a leader after 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static NewTopic topic(String name, int partitions, short replication, String minInSync,
            Duration retention) {
        return new NewTopic(name, partitions, replication).configs(Map.of(
                "retention.ms", Long.toString(retention.toMillis()),
                "min.insync.replicas", minInSync));
    }
}
