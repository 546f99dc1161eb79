package dev.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The relay with {@code orderflow.outbox.partitioning=REGION}: regions on their partitions, customers in order. */
@SpringBootTest(classes = OutboxTestApplication.class, properties = "orderflow.outbox.partitioning=REGION")
@Import(RegionPartitioningRelayTest.RegionTopic.class)
@WithKafka
@WithPostgres(database = "outbox_regions")
class RegionPartitioningRelayTest {

    static final String TOPIC = "outbox-regions";

    @TestConfiguration
    static class RegionTopic {
        @Bean
        NewTopic regionTopic() {
            return new NewTopic(TOPIC, 12, (short) 1);
        }
    }

    @Autowired
    OutboxTestApplication.EventStore store;

    @Test
    void eachRegionsOrdersLandOnItsPartitionAndEachCustomersStayInOrder() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> customers = Map.of("us-" + run, "US", "eu-" + run, "EU", "apac-" + run, "APAC",
                "latam-" + run, "LATAM");
        Map<String, List<String>> storedByCustomer = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            customers.forEach((customer, region) -> {
                OrderCreated event = event(customer, region);
                store.storeTo(TOPIC, event, Map.of("region", region));
                storedByCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(event.eventId().toString());
            });
        }

        List<ConsumerRecord<String, byte[]>> records = read(10 * customers.size());

        Map<String, List<String>> publishedByCustomer = new HashMap<>();
        for (var record : records) {
            switch (customers.get(record.key())) {
                case "US" -> assertThat(record.partition()).isZero();
                case "EU" -> assertThat(record.partition()).isEqualTo(1);
                case "APAC" -> assertThat(record.partition()).isEqualTo(2);
                default -> assertThat(record.partition()).isBetween(3, 11);
            }
            publishedByCustomer.computeIfAbsent(record.key(), c -> new ArrayList<>())
                    .add(new String(record.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8));
        }
        assertThat(publishedByCustomer).isEqualTo(storedByCustomer);
    }

    private static OrderCreated event(String customer, String region) {
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), customer,
                new OrderCreated.Contact("ada@example.com", "+447700900123"), region, "EUR",
                List.of(new OrderCreated.Item("SKU-1", 1, 100)), 100, Instant.now());
    }

    private static List<ConsumerRecord<String, byte[]>> read(int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "regions-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.size() >= expected;
            });
        }
        assertThat(found).hasSize(expected);
        return found;
    }
}
