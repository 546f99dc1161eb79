package dev.orderflow.emailworker.email.web;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.emailworker.SmtpServer;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;

@WorkerTest(database = "email")
@ContextConfiguration(initializers = SmtpServer.class)
class SentEmailControllerTest {

    @LocalServerPort
    int port;

    @Test
    void sentEmailIsShownWithItsAddressMasked() {
        OrderCreated order = order(newCustomer("shown"), "SKU-010", 1, 100);

        publish(order);

        String body = new WorkerEndpoint(port).awaitBodyContaining("\"status\":\"SENT\"", "/emails/{id}", order.orderId());
        assertThat(body).startsWith("[").contains("\"kind\":\"ORDER_CONFIRMATION\"");
        assertThat(body).contains("\"recipient\":\"a***@example.com\"",
                "\"messageId\":\"<order-" + order.orderId() + "@orderflow>\"").doesNotContain("ada@");
    }

    @Test
    void unknownOrderIsAProblemNotFound() {
        assertThat(new WorkerEndpoint(port).statusAndType("/emails/{id}", UUID.randomUUID()))
                .containsExactly(HttpStatusCode.valueOf(404), MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

}
