package dev.orderflow.paymentworker.payment;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class OrderChargingTest {

    @Autowired
    Payments payments;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void paymentIsShownOverHttpAndAnUnknownOneIsAProblem() {
        OrderCreated order = order(newCustomer("shown"), "SKU-005", 2, 250);
        WorkerEndpoint endpoint = new WorkerEndpoint(port);

        publish(order);

        assertThat(endpoint.awaitBodyContaining("\"status\":\"SUCCEEDED\"", "/payments/{id}", order.orderId()))
                .contains("\"orderId\":\"" + order.orderId() + "\"", "\"amountMinor\":500");
        assertThat(endpoint.statusAndType("/payments/{id}", UUID.randomUUID()))
                .containsExactly(HttpStatusCode.valueOf(404), MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void orderDeliveredThreeTimesIsChargedOnce() {
        OrderCreated order = order(newCustomer("thrice"), "SKU-001", 2, 1299);

        publish(order, order, order);

        ConsumerGroups.awaitCaughtUp("payment-worker", Topics.ORDER_CREATED);
        assertThat(payments.countFor(order.orderId())).isEqualTo(1);
        assertThat(gatewayRequestsFor(order.orderId())).isEqualTo(1);
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SUCCEEDED");
    }

    @Test
    void orderIsChargedItsTotalWithTheGatewaysReference() {
        OrderCreated order = order(newCustomer("paying"), "SKU-002", 3, 500);

        publish(order);

        Payment payment = await().atMost(Duration.ofSeconds(20))
                .until(() -> payments.find(order.orderId()), java.util.Optional::isPresent).orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.SUCCEEDED);
        assertThat(payment.amountMinor()).isEqualTo(1500);
        assertThat(payment.currency()).isEqualTo("EUR");
        assertThat(payment.gatewayReference()).startsWith("sim_");
    }

    @Test
    void orderAboveTheLimitIsDeclinedForInsufficientFunds() {
        OrderCreated order = order(newCustomer("big-spender"), "SKU-003", 1, 1_000_001);

        publish(order);

        Payment payment = await().atMost(Duration.ofSeconds(20))
                .until(() -> payments.find(order.orderId()), java.util.Optional::isPresent).orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.DECLINED);
        assertThat(payment.declineReason()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("DECLINED");
    }

    @Test
    void customerMatchingTheDeclineRuleIsDeclined() {
        OrderCreated order = order(newCustomer("card") + "-declined", "SKU-004", 1, 100);

        publish(order);

        Payment payment = await().atMost(Duration.ofSeconds(20))
                .until(() -> payments.find(order.orderId()), java.util.Optional::isPresent).orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.DECLINED);
        assertThat(payment.declineReason()).isEqualTo("CARD_DECLINED");
    }

    private long gatewayRequestsFor(UUID orderId) {
        return jdbc.sql("SELECT requests FROM simulated_gateway_charges WHERE idempotency_key = ?")
                .param(orderId.toString()).query(Long.class).single();
    }
}
