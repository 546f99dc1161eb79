package dev.orderflow.worker.testing;

import dev.orderflow.testsupport.TestKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a dead-letter topic from its beginning to its current end, without joining any consumer group. */
public final class DeadLetterTopic {

    /** One dead letter: its key, raw value and headers (last value of each name). */
    public record DeadLetter(String key, byte[] value, Map<String, byte[]> headers) {

        public String header(String name) {
            byte[] bytes = headers.get(name);
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }

        /** Spring Kafka writes the original partition as a 4-byte int. */
        public int intHeader(String name) {
            return ByteBuffer.wrap(headers.get(name)).getInt();
        }

        /** Spring Kafka writes the original offset as an 8-byte long. */
        public long longHeader(String name) {
            return ByteBuffer.wrap(headers.get(name)).getLong();
        }
    }

    private DeadLetterTopic() {
    }

    public static List<DeadLetter> read(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<DeadLetter> letters = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(new DeadLetter(record.key(), record.value(), headersOf(record)));
                }
            }
            return letters;
        }
    }

    /** The dead letter whose original key is the given one, if any. */
    public static Optional<DeadLetter> find(String topic, String key) {
        return read(topic).stream().filter(letter -> key.equals(letter.key())).findFirst();
    }

    private static Map<String, byte[]> headersOf(ConsumerRecord<?, ?> record) {
        Map<String, byte[]> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
