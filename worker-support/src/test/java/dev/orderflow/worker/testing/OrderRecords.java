package dev.orderflow.worker.testing;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventSerializer;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds OrderCreated events and publishes them (or broken records) to the test broker, as order-service would. */
public final class OrderRecords {

    /** Topics whose partitions have answered since this JVM started. */
    private static final Set<String> settledTopics = ConcurrentHashMap.newKeySet();

    private OrderRecords() {
    }

    /** An order of one item, total = quantity x unit price. */
    public static OrderCreated order(String customerId, String sku, int quantity, long unitPriceMinor) {
        return order(customerId, List.of(new OrderCreated.Item(sku, quantity, unitPriceMinor)));
    }

    public static OrderCreated order(String customerId, List<OrderCreated.Item> items) {
        long total = items.stream().mapToLong(i -> i.quantity() * i.unitPriceMinor()).sum();
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), customerId,
                new OrderCreated.Contact("ada@example.com", "+447700900123"), "EU", "EUR", items, total,
                Instant.now());
    }

    /** A customer id no other test uses, so its orders land together in one partition. */
    public static String newCustomer(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Publishes the events to {@code order-created}, keyed by customer, and waits for the broker's acks. */
    public static void publish(List<? extends DomainEvent> events) {
        publishTo(Topics.ORDER_CREATED, events);
    }

    public static void publish(DomainEvent... events) {
        publish(List.of(events));
    }

    /** Publishes the events to {@code topic} (a saga topic, say), keyed by customer, and waits for the acks. */
    public static void publishTo(String topic, List<? extends DomainEvent> events) {
        awaitLeaders(topic);
        try (Producer<String, DomainEvent> producer = new KafkaProducer<>(config(), new StringSerializer(),
                new EventSerializer())) {
            var sends = events.stream()
                    .map(e -> producer.send(new ProducerRecord<>(topic, e.key(), e)))
                    .toList();
            for (var send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish", e);
        }
    }

    public static void publishTo(String topic, DomainEvent... events) {
        publishTo(topic, List.of(events));
    }

    /** Publishes raw bytes with the given headers to {@code order-created}; returns where the record landed. */
    public static RecordMetadata publishRaw(String key, byte[] value, Map<String, String> headers) {
        awaitLeaders(Topics.ORDER_CREATED);
        try (Producer<String, byte[]> producer = new KafkaProducer<>(config(), new StringSerializer(),
                new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(Topics.ORDER_CREATED, key, value);
            headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish", e);
        }
    }

    /** The headers of a well-formed OrderCreated of the given version. */
    public static Map<String, String> orderCreatedHeaders(int version) {
        return Map.of(EventHeaders.EVENT_ID, UUID.randomUUID().toString(),
                EventHeaders.EVENT_TYPE, OrderCreated.TYPE,
                EventHeaders.EVENT_VERSION, Integer.toString(version),
                EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
    }

    /**
     * Waits until every partition of a topic answers its leader's offset request. A topic the worker has just
     * created may still answer NOT_LEADER_OR_FOLLOWER for a moment; an idempotent producer that meets that on a
     * loaded machine can be left with sequence numbers the broker refuses (seen here), so the tests let the
     * partitions settle first, once per topic.
     */
    private static void awaitLeaders(String topic) {
        if (!settledTopics.add(topic)) {
            return;
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    private static Map<String, Object> config() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
    }
}
