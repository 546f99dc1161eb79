package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = ProbeWorker.class)
@WithKafka
@WithPostgres(database = "probe")
class IdempotencyTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProbeWorker.ProbeHandler handler;

    @Test
    void orderDeliveredThreeTimesHasOneEffectAndOneExternalCall() {
        OrderCreated order = order(newCustomer("redelivered"), "SKU-001", 1, 100);

        publish(order, order, order);

        ConsumerGroups.awaitCaughtUp("probe-worker", Topics.ORDER_CREATED);
        // The external call too: the second and third copies take the ledger's fast path.
        assertThat(handler.performed.get(order.orderId())).hasValue(1);
        assertThat(new ProbeEffects(jdbc).of(order.orderId())).isEqualTo(1);
    }
}
