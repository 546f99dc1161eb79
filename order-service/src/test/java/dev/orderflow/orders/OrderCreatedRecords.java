package dev.orderflow.orders;

import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code order-created} (or another topic order-service writes, such as {@code order-lifecycle}) from the
 * beginning, as a new consumer group would, keeping the records a test wants.
 */
public final class OrderCreatedRecords {

    private OrderCreatedRecords() {
    }

    /**
     * Waits until at least {@code expected} matching records arrived (at most {@code within}), then reads on for
     * {@code settle} more so that any extra record (a duplicate) is caught too.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int expected, Duration within, Duration settle) {
        return read(bootstrapServers, Topics.ORDER_CREATED, wanted, expected, within, settle);
    }

    /** The same for another topic. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int expected, Duration within, Duration settle) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "order-service-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(within).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (wanted.test(r)) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
            long until = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (wanted.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    public static Predicate<ConsumerRecord<String, byte[]>> keyStartsWith(String prefix) {
        return r -> r.key() != null && r.key().startsWith(prefix);
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
