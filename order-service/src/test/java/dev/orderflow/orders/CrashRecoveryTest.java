package dev.orderflow.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The service dies after committing orders but before publishing them. Simulated by a first instance whose relay
 * never runs (so its commits are never sent), which then goes away; a second instance on the same database plays
 * the restarted service.
 */
class CrashRecoveryTest {

    @Test
    void ordersCommittedBeforeACrashArePublishedAfterTheRestart() {
        TestDatabase database = TestPostgres.freshDatabase("orders_crash");
        String customer = "crash-" + UUID.randomUUID();
        Set<String> orderIds = new HashSet<>();

        // Given five orders committed by an instance that dies before publishing any of them
        try (OrderServiceInstance crashed = OrderServiceInstance.start(database, TestKafka.bootstrapServers(),
                Map.of("orderflow.outbox.relay-enabled", false))) {
            for (int i = 0; i < 5; i++) {
                var response = crashed.api().post(OrderApi.order(customer));
                assertThat(response.statusCode()).isEqualTo(201);
                orderIds.add(OrderApi.json(response).get("id").asString());
            }
            assertThat(crashed.backlog().waiting()).isEqualTo(5);
        }

        // When the service starts again on the same database
        try (OrderServiceInstance restarted = OrderServiceInstance.start(database, TestKafka.bootstrapServers(),
                Map.of())) {

            // Then all five events are published
            var records = OrderCreatedRecords.read(TestKafka.bootstrapServers(), r -> customer.equals(r.key()), 5,
                    Duration.ofSeconds(20), Duration.ofSeconds(1));
            Set<String> published = new HashSet<>();
            records.forEach(r -> published.add(OrderApi.json(new String(r.value())).get("orderId").asString()));
            assertThat(published).isEqualTo(orderIds);
        }
    }
}
