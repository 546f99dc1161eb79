package dev.orderflow.emailworker.email.web;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.emailworker.SmtpServer;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

@WorkerTest(database = "email")
@ContextConfiguration(initializers = SmtpServer.class)
class SentEmailControllerTest {

    @LocalServerPort
    int port;

    @Test
    void sentEmailIsShownWithItsAddressMasked() {
        OrderCreated order = order(newCustomer("shown"), "SKU-010", 1, 100);

        publish(order);

        String body = await().atMost(Duration.ofSeconds(20)).until(() -> get(order.orderId()),
                answer -> answer.contains("\"status\":\"SENT\""));
        assertThat(body).startsWith("[").contains("\"kind\":\"ORDER_CONFIRMATION\"");
        assertThat(body).contains("\"recipient\":\"a***@example.com\"",
                "\"messageId\":\"<order-" + order.orderId() + "@orderflow>\"").doesNotContain("ada@");
    }

    @Test
    void unknownOrderIsAProblemNotFound() {
        var answer = RestClient.create("http://localhost:" + port).get().uri("/emails/{id}", UUID.randomUUID())
                .exchange((request, response) -> new Object[] {response.getStatusCode(),
                        response.getHeaders().getContentType()}, false);

        assertThat(answer).containsExactly(HttpStatusCode.valueOf(404), MediaType.APPLICATION_PROBLEM_JSON);
    }

    private String get(UUID orderId) {
        return RestClient.create("http://localhost:" + port).get().uri("/emails/{id}", orderId)
                .exchange((request, response) -> new String(response.getBody().readAllBytes()), false);
    }
}
