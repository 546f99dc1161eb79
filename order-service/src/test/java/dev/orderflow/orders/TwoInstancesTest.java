package dev.orderflow.orders;

import static dev.orderflow.orders.OrderCreatedRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two order-service replicas on one database: one relay leads and sends, the other stands by. */
class TwoInstancesTest {

    OrderServiceInstance first;
    OrderServiceInstance second;

    @BeforeEach
    void startTwoReplicas() {
        TestDatabase database = TestPostgres.freshDatabase("orders_replicas");
        // A short retry so the stand-by takes over quickly in the fail-over test; a poll far longer than any wait
        // here, so only the stand-by's notification can wake the leader for the stand-by's orders in time.
        Map<String, Object> settings = Map.of("orderflow.outbox.leader-retry-interval", "200ms",
                "orderflow.outbox.poll-interval", "10m");
        first = OrderServiceInstance.start(database, TestKafka.bootstrapServers(), settings);
        second = OrderServiceInstance.start(database, TestKafka.bootstrapServers(), settings);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.relay().isLeader() || second.relay().isLeader());
    }

    @AfterEach
    void stopReplicas() {
        first.close();
        second.close();
    }

    @Test
    void ordersTakenByBothReplicasArePublishedExactlyOnceByTheLeader() {
        String run = "replicas-" + UUID.randomUUID() + "-";
        Set<String> orderIds = new HashSet<>();

        for (int i = 0; i < 40; i++) {
            OrderServiceInstance replica = i % 2 == 0 ? first : second;
            var response = replica.api().post(OrderApi.order(run + (i % 4)));
            assertThat(response.statusCode()).isEqualTo(201);
            orderIds.add(OrderApi.json(response).get("id").asString());
        }

        List<ConsumerRecord<String, byte[]>> records = OrderCreatedRecords.read(TestKafka.bootstrapServers(),
                OrderCreatedRecords.keyStartsWith(run), 40, Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertThat(records).hasSize(40);
        Set<String> published = new HashSet<>();
        records.forEach(r -> published.add(OrderApi.json(new String(r.value())).get("orderId").asString()));
        assertThat(published).isEqualTo(orderIds);
        assertThat(records.stream().map(r -> header(r, "event-id")).distinct()).hasSize(40);
        assertThat(first.relay().isLeader() ^ second.relay().isLeader()).isTrue();
    }

    @Test
    void anOrderTakenByTheStandByIsPublishedAtOnceNotAtTheLeadersNextPoll() {
        OrderServiceInstance standBy = first.relay().isLeader() ? second : first;
        String customer = "notified-" + UUID.randomUUID();

        var response = standBy.api().post(OrderApi.order(customer));

        assertThat(response.statusCode()).isEqualTo(201);
        var records = OrderCreatedRecords.read(TestKafka.bootstrapServers(), r -> customer.equals(r.key()), 1,
                Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(records).hasSize(1);
    }

    @Test
    void whenTheLeaderStopsTheOtherReplicaTakesOverAndPublishes() {
        OrderServiceInstance leader = first.relay().isLeader() ? first : second;
        OrderServiceInstance standBy = leader == first ? second : first;
        String customer = "failover-" + UUID.randomUUID();

        leader.close();
        var response = standBy.api().post(OrderApi.order(customer));

        assertThat(response.statusCode()).isEqualTo(201);
        var records = OrderCreatedRecords.read(TestKafka.bootstrapServers(), r -> customer.equals(r.key()), 1,
                Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(records).hasSize(1);
        assertThat(standBy.relay().isLeader()).isTrue();
    }
}
