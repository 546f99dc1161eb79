package dev.orderflow.orders;

import static dev.orderflow.orders.OrderCreatedRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away while orders keep coming: a broker of this test's own, in its own process, is stopped for real
 * (its port refuses connections) and started again on the same port and data; the service is never restarted.
 */
class BrokerOutageTest {

    static StandaloneBroker broker;
    static OrderServiceInstance service;

    @BeforeAll
    static void startBrokerAndService() throws Exception {
        broker = StandaloneBroker.start();
        service = OrderServiceInstance.start(TestPostgres.freshDatabase("orders_outage"), broker.bootstrapServers(),
                Map.of());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ordersTakenWhileTheBrokerIsDownArePublishedInPerCustomerOrderWhenItReturns() throws Exception {
        // Given a service that has published before, so its producer knows the cluster
        String run = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        assertThat(service.api().post(OrderApi.order(run + "warm-up")).statusCode()).isEqualTo(201);
        OrderCreatedRecords.read(broker.bootstrapServers(), r -> (run + "warm-up").equals(r.key()), 1,
                Duration.ofSeconds(30), Duration.ZERO);

        // When the broker stops and 100 orders of 10 customers arrive, interleaved
        broker.stop();
        Map<String, List<String>> createdInOrder = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            String customer = run + "customer-" + (i % 10);
            var response = service.api().post(OrderApi.order(customer, "SKU-" + i, 1, 100));
            assertThat(response.statusCode()).isEqualTo(201);
            createdInOrder.computeIfAbsent(customer, c -> new ArrayList<>())
                    .add(OrderApi.json(response).get("id").asString());
        }
        assertThat(service.backlog().waiting()).isEqualTo(100);

        // Then, once the broker is back, exactly those 100 events arrive, each customer's in creation order
        broker.startAgain();
        List<ConsumerRecord<String, byte[]>> records = OrderCreatedRecords.read(broker.bootstrapServers(),
                r -> r.key().startsWith(run + "customer-"), 100, Duration.ofSeconds(60), Duration.ofSeconds(1));
        Set<String> eventIds = new LinkedHashSet<>();
        records.forEach(r -> eventIds.add(header(r, "event-id")));
        assertThat(eventIds).hasSize(100);
        Map<String, List<String>> publishedInOrder = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String orderId = OrderApi.json(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .get("orderId").asString();
            List<String> seen = publishedInOrder.computeIfAbsent(record.key(), c -> new ArrayList<>());
            if (!seen.contains(orderId)) {
                seen.add(orderId);
            }
        }
        assertThat(publishedInOrder).isEqualTo(createdInOrder);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.backlog().waiting() == 0);
    }
}
