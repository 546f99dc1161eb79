package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker that handles OrderCreated and OrderCancelled, like payment-worker: each event type is handled once per
 * order, and the two record phases of one order see each other's committed effect.
 */
@SpringBootTest(classes = SeveralEventTypesTest.CancellingWorker.class,
        properties = "spring.application.name=cancelling-worker")
@WithKafka
@WithPostgres(database = "cancelling")
class SeveralEventTypesTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessedEvents processedEvents;

    @Test
    void cancellationDeliveredTwiceIsRecordedOnce() {
        OrderCreated order = order(newCustomer("twice"), "SKU-001", 1, 100);
        OrderCancelled cancelled = cancellationOf(order);

        publish(order);
        ConsumerGroups.awaitCaughtUp("cancelling-worker", Topics.ORDER_CREATED);
        // The same event twice, and the same fact again under another event id.
        publishTo(Topics.ORDER_LIFECYCLE, cancelled, cancelled, cancellationOf(order));

        ConsumerGroups.awaitCaughtUp("cancelling-worker", Topics.ORDER_LIFECYCLE);
        assertThat(effects(order.orderId())).containsExactlyInAnyOrder("CREATED", "CANCELLED");
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("UNDONE");
    }

    @Test
    void cancellationSeenFirstMeansTheEffectIsNeverMade() {
        OrderCreated order = order(newCustomer("late"), "SKU-001", 1, 100);

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));
        ConsumerGroups.awaitCaughtUp("cancelling-worker", Topics.ORDER_LIFECYCLE);
        publish(order);

        ConsumerGroups.awaitCaughtUp("cancelling-worker", Topics.ORDER_CREATED);
        assertThat(effects(order.orderId())).containsExactly("CANCELLED");
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("NOTHING_TO_UNDO");
    }

    @Test
    void eventOfATypeTheWorkerDoesNotHandleIsAcknowledgedNotDeadLettered() {
        OrderCreated order = order(newCustomer("confirmed"), "SKU-001", 1, 100);
        var confirmed = new OrderConfirmed(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(),
                order.totalMinor(), order.currency());

        publishTo(Topics.ORDER_LIFECYCLE, confirmed);

        ConsumerGroups.awaitCaughtUp("cancelling-worker", Topics.ORDER_LIFECYCLE);
        assertThat(DeadLetterTopic.find(Topics.deadLetter(Topics.ORDER_LIFECYCLE, "cancelling-worker"),
                order.customerId())).isEmpty();
        assertThat(effects(order.orderId())).isEmpty();
    }

    private List<String> effects(UUID orderId) {
        return jdbc.sql("SELECT kind FROM cancelling_effects WHERE order_id = ?").param(orderId)
                .query(String.class).list();
    }

    private static OrderCancelled cancellationOf(OrderCreated order) {
        return new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(),
                OrderCancelled.Reason.CUSTOMER_REQUEST, List.of());
    }

    /** Makes an effect per order and undoes it on OrderCancelled; never makes it once cancelled. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CancellingWorker {

        @Bean
        OrderCreatedHandler<Void> creation(JdbcClient jdbc) {
            jdbc.sql("""
                    CREATE TABLE IF NOT EXISTS cancelling_effects (
                        order_id uuid NOT NULL, kind varchar(16) NOT NULL, PRIMARY KEY (order_id, kind))""")
                    .update();
            return new OrderCreatedHandler<>() {
                @Override
                public Void perform(OrderCreated event) {
                    return null;
                }

                @Override
                public String record(OrderCreated event, Void nothing) {
                    if (has(jdbc, event.orderId(), "CANCELLED")) {
                        return "SKIPPED";
                    }
                    add(jdbc, event.orderId(), "CREATED");
                    return "MADE";
                }
            };
        }

        @Bean
        OrderCancelledHandler<Void> cancellation(JdbcClient jdbc) {
            return new OrderCancelledHandler<>() {
                @Override
                public Void perform(OrderCancelled event) {
                    return null;
                }

                @Override
                public String record(OrderCancelled event, Void nothing) {
                    boolean made = has(jdbc, event.orderId(), "CREATED");
                    add(jdbc, event.orderId(), "CANCELLED");
                    return made ? "UNDONE" : "NOTHING_TO_UNDO";
                }
            };
        }

        private static boolean has(JdbcClient jdbc, UUID orderId, String kind) {
            return jdbc.sql("SELECT count(*) FROM cancelling_effects WHERE order_id = ? AND kind = ?")
                    .params(orderId, kind).query(Integer.class).single() > 0;
        }

        private static void add(JdbcClient jdbc, UUID orderId, String kind) {
            jdbc.sql("INSERT INTO cancelling_effects (order_id, kind) VALUES (?, ?)").params(orderId, kind).update();
        }
    }
}
