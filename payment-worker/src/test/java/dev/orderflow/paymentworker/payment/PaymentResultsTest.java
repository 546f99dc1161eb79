package dev.orderflow.paymentworker.payment;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.PublishedEvents;
import dev.orderflow.worker.testing.PublishedEvents.Published;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each order's charge result goes out once on payment-events, through the outbox, keyed by its customer. */
@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class PaymentResultsTest {

    @Autowired
    Payments payments;

    @Autowired
    JdbcClient jdbc;

    @Test
    void chargedOrderPublishesOnePaymentSucceededKeyedByCustomerWithTheContractHeaders() {
        OrderCreated order = order(newCustomer("paid"), "SKU-001", 2, 1299);

        publish(order);

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_CREATED);
        List<Published> results = PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId());
        assertThat(results).hasSize(1);
        Published result = results.getFirst();
        Payment payment = payments.find(order.orderId()).orElseThrow();
        assertThat(result.key()).isEqualTo(order.customerId());
        assertThat(result.headers())
                .containsEntry(EventHeaders.EVENT_TYPE, "PaymentSucceeded")
                .containsEntry(EventHeaders.EVENT_VERSION, "1")
                .containsEntry(EventHeaders.CONTENT_TYPE, "application/json")
                .containsEntry(EventHeaders.EVENT_ID, result.event().eventId().toString());
        assertThat(result.event()).isInstanceOfSatisfying(PaymentSucceeded.class, succeeded -> {
            assertThat(succeeded.customerId()).isEqualTo(order.customerId());
            assertThat(succeeded.paymentId()).isEqualTo(payment.paymentId());
            assertThat(succeeded.amountMinor()).isEqualTo(2598);
            assertThat(succeeded.currency()).isEqualTo("EUR");
            assertThat(succeeded.gatewayReference()).isEqualTo(payment.gatewayReference()).startsWith("sim_");
        });
    }

    @Test
    void declinedOrderPublishesOnePaymentDeclinedWithItsReason() {
        OrderCreated order = order(newCustomer("card") + "-declined", "SKU-002", 1, 100);

        publish(order);

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_CREATED);
        List<Published> results = PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId());
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.key()).isEqualTo(order.customerId());
            assertThat(result.type()).isEqualTo("PaymentDeclined");
            assertThat(result.event()).isInstanceOfSatisfying(PaymentDeclined.class,
                    declined -> assertThat(declined.reason()).isEqualTo("CARD_DECLINED"));
        });
    }

    @Test
    void orderDeliveredThreeTimesPublishesOneResult() {
        OrderCreated order = order(newCustomer("thrice"), "SKU-003", 1, 700);

        publish(order, order, order);

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_CREATED);
        assertThat(PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("PaymentSucceeded");
    }
}
