package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Proves that the tests' Kafka and PostgreSQL are real servers, doing what the services will do with them. */
class RealInfrastructureTest {

    @Test
    void kafkaCreatesTopicsAndKeepsManuallyCommittedOffsets() throws Exception {
        String topic = "infrastructure-check-" + UUID.randomUUID();
        String group = "infrastructure-check";
        try (Admin admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(12);

            RecordMetadata sent;
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new StringSerializer())) {
                sent = producer.send(new ProducerRecord<>(topic, "customer-1", "hello")).get();
            }

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
                ConsumerRecord<String, String> record = received.getFirst();
                consumer.commitSync(Map.of(new TopicPartition(topic, record.partition()),
                        new OffsetAndMetadata(record.offset() + 1)));
            }

            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("customer-1");
                assertThat(record.value()).isEqualTo("hello");
                assertThat(record.partition()).isEqualTo(sent.partition());
            });
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertThat(committed).containsEntry(new TopicPartition(topic, sent.partition()),
                    new OffsetAndMetadata(sent.offset() + 1));
        }
    }

    @Test
    void postgresRunsFlywayMigrationsAndAnswersQueries() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase("infrastructure_check");

        var result = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load()
                .migrate();

        assertThat(result.migrationsExecuted).isEqualTo(1);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO probe (id, note) VALUES (1, 'written'), (2, 'read back')");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*), string_agg(note, ',' ORDER BY id), current_setting('server_version_num')::int "
                            + "FROM probe")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
                assertThat(rows.getString(2)).isEqualTo("written,read back");
                assertThat(rows.getInt(3)).as("a real PostgreSQL server").isGreaterThanOrEqualTo(130000);
            }
        }
    }
}
