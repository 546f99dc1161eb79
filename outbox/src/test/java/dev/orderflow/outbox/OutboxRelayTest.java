package dev.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventDeserializer;
import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;

@SpringBootTest(classes = OutboxTestApplication.class, properties = {
        "orderflow.outbox.cleanup-interval=1s",
        "orderflow.outbox.retention=1h"})
@WithKafka
@WithPostgres(database = "outbox")
class OutboxRelayTest {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxTestApplication.EventStore store;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Test
    void appendOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(OutboxTestApplication.TOPIC, event("customer-" + UUID.randomUUID())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void eventOfARolledBackTransactionIsNeverStored() {
        OrderCreated event = event("customer-" + UUID.randomUUID());

        assertThatThrownBy(() -> store.storeAndFail(event)).isInstanceOf(IllegalStateException.class);

        assertThat(rowsWithId(event.eventId())).isZero();
    }

    @Test
    void committedEventIsPublishedWithTheContractHeadersAndMarkedPublished() {
        String customer = "customer-" + UUID.randomUUID();
        OrderCreated event = event(customer);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        store.store(event, Map.of("traceparent", traceparent));

        List<ConsumerRecord<String, byte[]>> records = recordsOf(customer, 1);
        ConsumerRecord<String, byte[]> record = records.getFirst();
        assertThat(record.key()).isEqualTo(customer);
        assertThat(header(record, "event-id")).isEqualTo(event.eventId().toString());
        assertThat(header(record, "event-type")).isEqualTo("OrderCreated");
        assertThat(header(record, "event-version")).isEqualTo("1");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "traceparent")).isEqualTo(traceparent);
        try (EventDeserializer deserializer = new EventDeserializer()) {
            DomainEvent body = deserializer.deserialize(record.topic(), record.headers(), record.value());
            assertThat(body).isEqualTo(event);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> publishedAt(event.eventId()) != null);
    }

    @Test
    void eventsOfOneKeyArePublishedInTheOrderTheyWereStored() {
        String customer = "customer-" + UUID.randomUUID();
        List<UUID> stored = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            OrderCreated event = event(customer);
            store.store(event, Map.of());
            stored.add(event.eventId());
        }

        List<ConsumerRecord<String, byte[]>> records = recordsOf(customer, 50);

        assertThat(records).extracting(r -> UUID.fromString(header(r, "event-id"))).containsExactlyElementsOf(stored);
    }

    @Test
    void publishedEventsPastTheirRetentionAreDeletedAndRecentOnesKept() {
        UUID expired = insertPublished(Instant.now().minus(Duration.ofDays(2)));
        UUID recent = insertPublished(Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(Duration.ofSeconds(10)).until(() -> rowsWithId(expired) == 0);

        assertThat(rowsWithId(recent)).isOne();
    }

    @Test
    void theOnlyRelayOfTheDatabaseLeads() {
        await().atMost(Duration.ofSeconds(5)).until(relay::isLeader);
    }

    @Test
    void relayThatLosesItsDatabaseSessionLeadsAgainAndPublishes() {
        await().atMost(Duration.ofSeconds(5)).until(relay::isLeader);
        String customer = "customer-" + UUID.randomUUID();

        // The leader's session (the one holding the advisory lock) is killed, as a network cut or failover would.
        int killed = jdbc.sql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                 WHERE locktype = 'advisory' AND granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).query(Integer.class).single();
        store.store(event(customer), Map.of());

        assertThat(killed).isOne();
        recordsOf(customer, 1);
        await().atMost(Duration.ofSeconds(5)).until(relay::isLeader);
    }

    private UUID insertPublished(Instant publishedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, topic, message_key,
                                           headers, created_at, published_at)
                VALUES (:id, 'order', :id, 'OrderCreated', '{}'::jsonb, 'outbox-test', 'k', '{}'::jsonb,
                        :publishedAt, :publishedAt)
                """)
                .param("id", id)
                .param("publishedAt", java.sql.Timestamp.from(publishedAt))
                .update();
        return id;
    }

    private long rowsWithId(UUID id) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE id = ?").param(id).query(Long.class).single();
    }

    private Object publishedAt(UUID id) {
        return jdbc.sql("SELECT published_at FROM outbox_events WHERE id = ?").param(id)
                .query((rs, n) -> rs.getTimestamp(1)).optional().orElse(null);
    }

    private static OrderCreated event(String customer) {
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), customer,
                new OrderCreated.Contact("ada@example.com", "+447700900123"), "EU", "EUR",
                List.of(new OrderCreated.Item("SKU-1", 2, 1299)), 2598, Instant.parse("2026-11-24T12:00:00Z"));
    }

    /** Reads the topic from the start until {@code expected} records of this key arrived, then a little longer. */
    private static List<ConsumerRecord<String, byte[]>> recordsOf(String key, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(OutboxTestApplication.TOPIC));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
            // Anything beyond what was expected would be a duplicate: read once more to catch it.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        assertThat(found).hasSize(expected);
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
