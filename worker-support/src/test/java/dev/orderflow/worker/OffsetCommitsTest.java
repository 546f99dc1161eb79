package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Offsets committed once an interval ({@link OffsetCommits}), never later than the rebalance, shutdown or idle
 * moment that needs them. Each probe worker here is a new consumer group, so it first reads {@code order-created}
 * from its beginning (every other test's records too); each test waits for its own orders.
 */
class OffsetCommitsTest {

    static final int ORDERS = 20;

    @Test
    void offsetsWaitForTheIntervalAndAreCommittedWhenTheConsumerCloses() {
        String group = "commits-close-" + UUID.randomUUID();
        String prefix = group + "-";
        TestDatabase database = TestPostgres.freshDatabase("offset_commits_close");
        ConfigurableApplicationContext worker = ProbeWorkers.start(group, database,
                "--orderflow.worker.commit-interval=1h");
        try {
            ProbeEffects effects = ProbeWorkers.effects(worker);
            publishOneBatchAtATime(prefix, effects);

            assertThat(ConsumerGroups.committed(group)).as("nothing committed within the interval").isEmpty();
        } finally {
            worker.close();
        }
        assertThat(ConsumerGroups.lag(group, Topics.ORDER_CREATED)).as("committed on close").isZero();
    }

    @Test
    void aRebalanceCommitsWhatTheConsumerKeptBeforeItsPartitionsMove() {
        String group = "commits-rebalance-" + UUID.randomUUID();
        String prefix = group + "-";
        TestDatabase database = TestPostgres.freshDatabase("offset_commits_rebalance");
        String[] longInterval = {"--orderflow.worker.commit-interval=1h"};
        try (ConfigurableApplicationContext first = ProbeWorkers.start(group, database, longInterval)) {
            publishOneBatchAtATime(prefix, ProbeWorkers.effects(first));
            assertThat(ConsumerGroups.committed(group)).isEmpty();

            try (ConfigurableApplicationContext second = ProbeWorkers.start(group, database, longInterval)) {
                // Both keep their offsets for an hour: only the rebalance the second one causes commits them.
                ConsumerGroups.awaitCaughtUp(group, Topics.ORDER_CREATED);
            }
        }
    }

    @Test
    void anIdleConsumerCommitsOnceTheIntervalHasPassed() {
        String group = "commits-idle-" + UUID.randomUUID();
        TestDatabase database = TestPostgres.freshDatabase("offset_commits_idle");
        try (ConfigurableApplicationContext worker = ProbeWorkers.start(group, database,
                "--orderflow.worker.commit-interval=2s")) {
            publishOneBatchAtATime(group + "-", ProbeWorkers.effects(worker));

            // No record comes after the last: only the idle consumer can commit it.
            ConsumerGroups.awaitCaughtUp(group, Topics.ORDER_CREATED);
        }
    }

    /** Each order published once the one before it is done: one batch (and, before, one commit) per order. */
    private static void publishOneBatchAtATime(String prefix, ProbeEffects effects) {
        for (int i = 1; i <= ORDERS; i++) {
            OrderCreated order = order(prefix + i, "SKU-001", 1, 100);
            publish(order);
            await().atMost(Duration.ofSeconds(30)).until(() -> effects.of(order.orderId()) == 1);
        }
    }
}
