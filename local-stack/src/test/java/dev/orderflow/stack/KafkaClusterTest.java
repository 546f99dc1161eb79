package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's broker is Kafka's own server in a process of its own, and it keeps its data across restarts. */
class KafkaClusterTest {

    @TempDir
    Path data;

    @Test
    void brokerRunsTheContractTopicsAndKeepsRecordsAndOffsetsAcrossARestart() throws Exception {
        try (KafkaCluster kafka = new KafkaCluster(data, 1, FreePorts.consecutive(2))) {
            kafka.start(Duration.ofSeconds(60));
            try (Admin admin = kafka.admin()) {
                TopicPlan.createAll(admin, 12, 1);
                TopicDescription orderCreated = admin.describeTopics(Set.of(Topics.ORDER_CREATED))
                        .allTopicNames().get().get(Topics.ORDER_CREATED);
                assertThat(orderCreated.partitions()).hasSize(12);
                assertThat(admin.listTopics().names().get())
                        .contains("order-created.email-worker.DLT", "payment-events.order-service.DLT");
            }
            produce(kafka, "before-restart");
            assertThat(consumeOne(kafka)).isEqualTo("before-restart");

            kafka.stopNode(1);
            kafka.startNode(1);
            kafka.awaitBrokers(1, Duration.ofSeconds(60));

            produce(kafka, "after-restart");
            assertThat(consumeOne(kafka)).as("the group resumes after its committed offset").isEqualTo("after-restart");
        }
    }

    private static void produce(KafkaCluster kafka, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDER_CREATED, "customer-1", value)).get();
        }
    }

    private static String consumeOne(KafkaCluster kafka) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "stack-check",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDER_CREATED));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            consumer.commitSync();
        }
        assertThat(received).hasSize(1);
        return received.getFirst().value();
    }
}
