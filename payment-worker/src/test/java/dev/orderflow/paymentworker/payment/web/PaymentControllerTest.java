package dev.orderflow.paymentworker.payment.web;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class PaymentControllerTest {

    @LocalServerPort
    int port;

    @Test
    void chargedOrderShowsItsPayment() {
        OrderCreated order = order(newCustomer("shown"), "SKU-003", 2, 250);

        publish(order);

        String body = await().atMost(Duration.ofSeconds(20)).until(() -> get(order.orderId()),
                answer -> answer.contains("\"status\":\"SUCCEEDED\""));
        assertThat(body).contains("\"orderId\":\"" + order.orderId() + "\"", "\"amountMinor\":500",
                "\"currency\":\"EUR\"");
    }

    @Test
    void unknownOrderIsAProblemNotFound() {
        var answer = RestClient.create("http://localhost:" + port).get().uri("/payments/{id}", UUID.randomUUID())
                .exchange((request, response) -> new Object[] {response.getStatusCode(),
                        response.getHeaders().getContentType()}, false);

        assertThat(answer).containsExactly(HttpStatusCode.valueOf(404), MediaType.APPLICATION_PROBLEM_JSON);
    }

    private String get(UUID orderId) {
        return RestClient.create("http://localhost:" + port).get().uri("/payments/{id}", orderId)
                .exchange((request, response) -> new String(response.getBody().readAllBytes()), false);
    }
}
