package dev.orderflow.smsworker.message.web;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.smsworker.SmsProviderServer;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

// Backoff capped at 0.5 s (production: 10 s), so one delivery's 10 attempts take about 5 s; both classes share it.
@WorkerTest(database = "sms", properties = {"orderflow.sms.read-timeout=3s", "orderflow.worker.retry.max-interval=500ms"})
@ContextConfiguration(initializers = SmsProviderServer.class)
class SentMessageControllerTest {

    RestClient client;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        client = WorkerEndpoint.opsClient(port);
    }

    @Test
    void sentTextIsShownWithTheNumberMasked() {
        OrderCreated order = order(newCustomer("shown"), "SKU-010", 1, 100);
        publish(order);

        ResponseEntity<String> answer = await().atMost(Duration.ofSeconds(20))
                .until(() -> messageOf(order.orderId()), response -> response.getStatusCode().is2xxSuccessful());

        assertThat(answer.getBody()).contains("\"status\":\"SENT\"", "\"phone\":\"+44*******123\"")
                .doesNotContain("+447700900123");
    }

    @Test
    void unknownOrderIsAProblemNotFound() {
        ResponseEntity<String> answer = messageOf(UUID.randomUUID());

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private ResponseEntity<String> messageOf(UUID orderId) {
        return client.get().uri("/messages/{id}", orderId).retrieve()
                .onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }
}
