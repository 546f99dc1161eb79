package dev.orderflow.system;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads the saga's topics as they stand, and delivers their records again: the duplicates the contract says every
 * participant must absorb (a relay that crashed after sending, a consumer that crashed before committing).
 */
final class SagaTopics {

    static final List<String> ALL = List.of(Topics.PAYMENT_EVENTS, Topics.INVENTORY_EVENTS, Topics.ORDER_LIFECYCLE);

    /** One record of a saga topic: its event type, order and event id. */
    record SagaRecord(String topic, String type, UUID orderId, UUID eventId, ConsumerRecord<byte[], byte[]> raw) {
    }

    private final Map<String, Object> client;

    /** @param client bootstrap servers and login of a principal that may read and write the saga's topics */
    SagaTopics(Map<String, Object> client) {
        this.client = Map.copyOf(client);
    }

    /** Every record now on the topics, from the beginning to the current end of each partition. */
    List<SagaRecord> read(List<String> topics) {
        Map<String, Object> config = client;
        List<SagaRecord> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(parse(record));
                    }
                }
            }
        }
        return records;
    }

    /** The records of these types for one order (duplicates on the topic counted once each, by event id). */
    long distinctEvents(List<SagaRecord> records, UUID orderId, String type) {
        return records.stream()
                .filter(r -> r.orderId().equals(orderId) && r.type().equals(type))
                .map(SagaRecord::eventId)
                .distinct()
                .count();
    }

    /** Appends a copy of each record (same key, value and headers) to its topic; returns how many. */
    int deliverAgain(List<SagaRecord> records) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            var sends = records.stream().map(SagaRecord::raw)
                    .map(raw -> producer.send(new ProducerRecord<>(raw.topic(), null, raw.key(), raw.value(),
                            raw.headers())))
                    .toList();
            for (var send : sends) {
                send.get();
            }
            return sends.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not deliver the records again", e);
        }
    }

    private static SagaRecord parse(ConsumerRecord<byte[], byte[]> record) {
        var body = EventJson.mapper().readTree(record.value());
        return new SagaRecord(record.topic(), header(record, EventHeaders.EVENT_TYPE),
                UUID.fromString(body.get("orderId").asString()), UUID.fromString(body.get("eventId").asString()),
                record);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
