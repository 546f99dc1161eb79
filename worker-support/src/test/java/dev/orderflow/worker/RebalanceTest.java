package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances of one worker (one group, one database) while instances join and leave mid-stream. */
class RebalanceTest {

    static final int CUSTOMERS = 100;
    static final int ORDERS_EACH = 10;

    @Test
    void instancesJoiningAndLeavingMidStreamLoseAndDoubleNothingAndKeepKeyOrder() {
        TestDatabase database = TestPostgres.freshDatabase("rebalance");
        String prefix = "rebalance-" + UUID.randomUUID() + "-";
        List<OrderCreated> orders = new ArrayList<>();
        for (int sequence = 1; sequence <= ORDERS_EACH; sequence++) {
            for (int customer = 0; customer < CUSTOMERS; customer++) {
                orders.add(order(prefix + customer, "SKU-001", sequence, 100));
            }
        }
        String[] slowProvider = {"--probe.latency=20ms", "--orderflow.worker.max-poll-records=50"};
        try (ConfigurableApplicationContext first = ProbeWorkers.start("rebalance-worker", database, slowProvider)) {
            ProbeEffects effects = ProbeWorkers.effects(first);
            publish(orders);
            await().atMost(Duration.ofSeconds(30)).until(() -> effects.ofCustomerPrefix(prefix) >= 100);

            try (ConfigurableApplicationContext second =
                    ProbeWorkers.start("rebalance-worker", database, slowProvider)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> effects.ofCustomerPrefix(prefix) >= 500);
                long beforeLeaving = effects.ofCustomerPrefix(prefix);
                first.close();
                ProbeEffects remaining = ProbeWorkers.effects(second);

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> remaining.ofCustomerPrefix(prefix) >= orders.size());
                assertThat(beforeLeaving).isLessThan(orders.size());
                assertThat(remaining.ofCustomerPrefix(prefix)).isEqualTo(orders.size());
                assertThat(remaining.distinctOrdersOfCustomerPrefix(prefix)).isEqualTo(orders.size());
                List<Integer> inOrder = IntStream.rangeClosed(1, ORDERS_EACH).boxed().toList();
                for (int customer = 0; customer < CUSTOMERS; customer++) {
                    assertThat(remaining.sequencesOf(prefix + customer)).as("customer %d", customer)
                            .isEqualTo(inOrder);
                }
            }
        }
    }
}
