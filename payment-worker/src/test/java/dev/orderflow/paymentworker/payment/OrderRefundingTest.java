package dev.orderflow.paymentworker.payment;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedEvents;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.PublishedEvents;
import dev.orderflow.worker.testing.PublishedEvents.Published;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Compensation over Kafka: OrderCancelled on order-lifecycle pays a charged order back once, and nothing else. */
@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class OrderRefundingTest {

    @Autowired
    Payments payments;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void cancellationAfterTheChargeRefundsItOnceAndPublishesOnePaymentRefunded() {
        OrderCreated order = charged(order(newCustomer("refunded"), "SKU-001", 3, 500));

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_LIFECYCLE);
        Payment payment = payments.find(order.orderId()).orElseThrow();
        assertThat(payment.refundReference()).startsWith("sim_re_");
        assertThat(gatewayRefundsOf(order)).isOne();
        List<Published> results = PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId());
        assertThat(results).extracting(Published::type).containsExactly("PaymentSucceeded", "PaymentRefunded");
        Published refunded = results.getLast();
        assertThat(refunded.key()).isEqualTo(order.customerId());
        assertThat(refunded.event()).isInstanceOfSatisfying(PaymentRefunded.class, refund -> {
            assertThat(refund.paymentId()).isEqualTo(payment.paymentId());
            assertThat(refund.amountMinor()).isEqualTo(1500);
            assertThat(refund.currency()).isEqualTo("EUR");
        });
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("REFUNDED");
    }

    @Test
    void cancellationDeliveredTwiceAndPublishedAgainUnderANewIdRefundsOnce() {
        OrderCreated order = charged(order(newCustomer("twice"), "SKU-002", 1, 900));
        OrderCancelled cancelled = cancellationOf(order);

        publishTo(Topics.ORDER_LIFECYCLE, cancelled, cancelled, cancellationOf(order));

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_LIFECYCLE);
        assertThat(gatewayRefundsOf(order)).isOne();
        assertThat(PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("PaymentSucceeded", "PaymentRefunded");
    }

    @Test
    void cancellationOfADeclinedOrderRefundsNothingAndPublishesNothing() {
        OrderCreated order = charged(order(newCustomer("card") + "-declined", "SKU-003", 1, 100));

        // Even if order-service asked for a refund: the worker goes by its own records, and it charged nothing.
        publishTo(Topics.ORDER_LIFECYCLE, new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(),
                Instant.now(), OrderCancelled.Reason.PAYMENT_DECLINED,
                List.of(OrderCancelled.Compensation.REFUND_PAYMENT)));

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_LIFECYCLE);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("NOTHING_TO_REFUND");
        assertThat(gatewayRefundsOf(order)).isZero();
        assertThat(payments.find(order.orderId()).orElseThrow().refunded()).isFalse();
        assertThat(PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("PaymentDeclined");
    }

    @Test
    void cancellationSeenBeforeTheOrderMeansItIsNeverCharged() {
        OrderCreated order = order(newCustomer("early"), "SKU-004", 2, 250);

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));
        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_LIFECYCLE);
        publish(order, order);

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_CREATED);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE))
                .contains("CANCELLED_BEFORE_CHARGE");
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SKIPPED");
        assertThat(payments.find(order.orderId()).orElseThrow().status()).isEqualTo(Payment.Status.SKIPPED);
        assertThat(jdbc.sql("SELECT count(*) FROM simulated_gateway_charges WHERE idempotency_key = ?")
                .param(order.orderId().toString()).query(Long.class).single()).isZero();
        assertThat(PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId())).isEmpty();
    }

    @Test
    void refundIsShownOverHttp() {
        OrderCreated order = charged(order(newCustomer("shown"), "SKU-005", 1, 400));

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));

        String shown = new WorkerEndpoint(port).awaitBodyContaining("\"refundedAt\":\"", "/payments/{id}",
                order.orderId());
        assertThat(shown).contains("\"status\":\"SUCCEEDED\"", "\"refundReference\":\"sim_re_");
    }

    @Test
    void confirmationIsAcknowledgedWithoutDeadLettering() {
        OrderCreated order = charged(order(newCustomer("confirmed"), "SKU-006", 1, 300));

        publishTo(Topics.ORDER_LIFECYCLE, new OrderConfirmed(UUID.randomUUID(), order.orderId(), order.customerId(),
                Instant.now(), order.totalMinor(), order.currency()));

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_LIFECYCLE);
        assertThat(DeadLetterTopic.find(Topics.deadLetter(Topics.ORDER_LIFECYCLE, "payment-worker"),
                order.customerId())).isEmpty();
        assertThat(payments.find(order.orderId()).orElseThrow().refunded()).isFalse();
        assertThat(PublishedEvents.of(jdbc, Topics.PAYMENT_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("PaymentSucceeded");
    }

    /** Publishes the order and waits until payment-worker has charged (or declined) it. */
    private OrderCreated charged(OrderCreated order) {
        publish(order);
        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_CREATED);
        assertThat(payments.find(order.orderId())).isPresent();
        return order;
    }

    private long gatewayRefundsOf(OrderCreated order) {
        return jdbc.sql("SELECT count(*) FROM simulated_gateway_refunds WHERE charge_key = ?")
                .param(order.orderId().toString()).query(Long.class).single();
    }

    /** A cancellation whose compensations list nothing, as when order-service had not seen the charge yet. */
    private static OrderCancelled cancellationOf(OrderCreated order) {
        return new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(),
                OrderCancelled.Reason.OUT_OF_STOCK, List.of());
    }
}
