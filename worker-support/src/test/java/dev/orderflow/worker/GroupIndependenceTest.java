package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.testsupport.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Two workers in two consumer groups, each its own application context and database, on one topic. */
class GroupIndependenceTest {

    @Test
    void stoppedGroupDoesNotHoldUpAnotherAndCatchesUpWhenStartedAgain() {
        try (ConfigurableApplicationContext first = worker("first-worker");
                ConfigurableApplicationContext second = worker("second-worker")) {
            String prefix = "independent-" + UUID.randomUUID() + "-";
            List<OrderCreated> orders = IntStream.range(0, 50).mapToObj(i -> order(prefix + i, "SKU-001", 1, 100))
                    .toList();
            ConcurrentMessageListenerContainer<?, ?> firstContainer = containerOf(first);
            firstContainer.stop();

            publish(orders);

            await().atMost(Duration.ofSeconds(30)).until(() -> effects(second).ofCustomerPrefix(prefix) == 50);
            assertThat(effects(first).ofCustomerPrefix(prefix)).isZero();
            firstContainer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(first).ofCustomerPrefix(prefix) == 50);
            assertThat(effects(second).ofCustomerPrefix(prefix)).isEqualTo(50);
        }
    }

    private static ConfigurableApplicationContext worker(String group) {
        return ProbeWorkers.start(group, TestPostgres.freshDatabase(group.replace('-', '_')));
    }

    private static ConcurrentMessageListenerContainer<String, DomainEvent> containerOf(
            ConfigurableApplicationContext context) {
        return ProbeWorkers.containerOf(context);
    }

    private static ProbeEffects effects(ConfigurableApplicationContext context) {
        return ProbeWorkers.effects(context);
    }
}
