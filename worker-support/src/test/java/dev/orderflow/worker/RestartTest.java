package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

@SpringBootTest(classes = ProbeWorker.class)
@WithKafka
@WithPostgres(database = "probe")
class RestartTest {

    static final int CUSTOMERS = 100;
    static final int ORDERS_EACH = 10;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProbeWorker.ProbeHandler handler;

    @Autowired
    ConcurrentMessageListenerContainer<String, DomainEvent> container;

    /** The probe tests share one context: a failure here must not leave its handler held or its container stopped. */
    @AfterEach
    void releaseTheProbe() {
        handler.release();
        if (!container.isRunning()) {
            container.start();
        }
    }

    @Test
    void workerStoppedMidStreamResumesFromCommittedOffsetsWithNothingLostOrDoubledAndKeyOrderKept() {
        String prefix = "restart-" + UUID.randomUUID() + "-";
        List<OrderCreated> orders = new ArrayList<>();
        for (int sequence = 1; sequence <= ORDERS_EACH; sequence++) {
            for (int customer = 0; customer < CUSTOMERS; customer++) {
                orders.add(order(prefix + customer, "SKU-001", sequence, 100));
            }
        }
        ProbeEffects effects = new ProbeEffects(jdbc);
        // The hold counts every call: records other test classes left on the topic (a fresh context reads them
        // first, whatever order the classes run in) must be done before it starts counting this test's.
        ConsumerGroups.awaitCaughtUp("probe-worker", Topics.ORDER_CREATED);
        handler.holdAfter(300);

        publish(orders);
        await().atMost(Duration.ofSeconds(60)).until(() -> effects.ofCustomerPrefix(prefix) >= 300);
        Runnable noCallback = () -> { };
        container.stop(noCallback);
        handler.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
        long doneAtStop = effects.ofCustomerPrefix(prefix);
        container.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> effects.ofCustomerPrefix(prefix) >= orders.size());
        assertThat(doneAtStop).isLessThan(orders.size());
        assertThat(effects.ofCustomerPrefix(prefix)).isEqualTo(orders.size());
        assertThat(effects.distinctOrdersOfCustomerPrefix(prefix)).isEqualTo(orders.size());
        List<Integer> inOrder = IntStream.rangeClosed(1, ORDERS_EACH).boxed().toList();
        for (int customer = 0; customer < CUSTOMERS; customer++) {
            assertThat(effects.sequencesOf(prefix + customer)).as("customer %d", customer).isEqualTo(inOrder);
        }
    }
}
