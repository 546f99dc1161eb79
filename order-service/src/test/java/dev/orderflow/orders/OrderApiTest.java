package dev.orderflow.orders;

import static dev.orderflow.orders.OrderApi.json;
import static dev.orderflow.orders.OrderCreatedRecords.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventDeserializer;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres(database = "orders")
class OrderApiTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    OrderApi api;

    @BeforeEach
    void client() {
        api = new OrderApi(port);
    }

    @Test
    void createdOrderAnswers201AndIsPublishedOnceWithKeyHeadersAndBody() {
        String customer = "customer-" + UUID.randomUUID();

        HttpResponse<String> response = api.post(OrderApi.order(customer, "SKU-001", 2, 1299));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode order = json(response);
        UUID orderId = UUID.fromString(order.get("id").asString());
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + orderId);
        List<ConsumerRecord<String, byte[]>> records = OrderCreatedRecords.read(TestKafka.bootstrapServers(),
                r -> customer.equals(r.key()), 1, Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.getFirst();
        assertThat(header(record, "event-type")).isEqualTo("OrderCreated");
        assertThat(header(record, "event-version")).isEqualTo("1");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        DomainEvent event;
        try (EventDeserializer deserializer = new EventDeserializer()) {
            event = deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
        assertThat(header(record, "event-id")).isEqualTo(event.eventId().toString());
        assertThat(event).isEqualTo(new OrderCreated(event.eventId(), orderId, customer,
                new OrderCreated.Contact("ada@example.com", "+447700900123"), "EU", "EUR",
                List.of(new OrderCreated.Item("SKU-001", 2, 1299)), 2598,
                Instant.parse(order.get("createdAt").asString())));
        assertThat(order.get("history").get(0).get("eventId").asString()).isEqualTo(event.eventId().toString());
    }

    @Test
    void createdOrderIsReadBackPendingWithItsItemsAndTotal() {
        String customer = "customer-" + UUID.randomUUID();
        String location = api.post(OrderApi.order(customer, "SKU-7", 3, 250)).headers().firstValue("Location").orElseThrow();

        HttpResponse<String> response = api.get(location);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = json(response);
        assertThat(order.get("customerId").asString()).isEqualTo(customer);
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("totalMinor").asLong()).isEqualTo(750);
        assertThat(order.get("items").get(0).get("sku").asString()).isEqualTo("SKU-7");
        assertThat(order.get("contact").get("email").asString()).isEqualTo("ada@example.com");
        assertThat(order.get("payment").isNull()).isTrue();
        assertThat(order.get("stock").isNull()).isTrue();
        assertThat(order.get("cancellationReason").isNull()).isTrue();
        JsonNode created = order.get("history").get(0);
        assertThat(order.get("history")).hasSize(1);
        assertThat(created.get("entry").asString()).isEqualTo("CREATED");
        assertThat(created.get("detail").isNull()).isTrue();
        assertThat(created.get("at").asString()).isEqualTo(order.get("createdAt").asString());
    }

    @Test
    void customerOrdersArePagedNewestFirst() {
        String customer = "customer-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            api.post(OrderApi.order(customer, "SKU-" + i, 1, 100));
        }

        HttpResponse<String> firstPage = api.get("/orders?customerId=" + customer + "&page=0&size=2");
        HttpResponse<String> secondPage = api.get("/orders?customerId=" + customer + "&page=1&size=2");

        assertThat(firstPage.statusCode()).isEqualTo(200);
        JsonNode first = json(firstPage);
        assertThat(first.get("content")).extracting(o -> o.get("items").get(0).get("sku").asString())
                .containsExactly("SKU-3", "SKU-2");
        assertThat(first.get("page").get("totalElements").asLong()).isEqualTo(3);
        assertThat(json(secondPage).get("content")).extracting(o -> o.get("items").get(0).get("sku").asString())
                .containsExactly("SKU-1");
    }

    @Test
    void openApiDescriptionAndSwaggerUiAreServed() {
        HttpResponse<String> apiDocs = api.get("/v3/api-docs");
        HttpResponse<String> swaggerUi = api.get("/swagger-ui/index.html");

        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(json(apiDocs).get("paths").has("/orders")).isTrue();
        assertThat(json(apiDocs).get("paths").has("/orders/{id}")).isTrue();
        JsonNode cancel = json(apiDocs).get("paths").get("/orders/{id}/cancel").get("post");
        assertThat(cancel.get("responses").propertyNames()).contains("200", "404", "409");
        assertThat(cancel.get("responses").get("409").get("content").has("application/problem+json")).isTrue();
        assertThat(swaggerUi.statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusShowsOrderAndOutboxMetrics() {
        api.post(OrderApi.order("customer-" + UUID.randomUUID()));

        HttpResponse<String> metrics = new OrderApi(managementPort).get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("orderflow_orders_placed_total", "orderflow_outbox_events_waiting",
                "orderflow_outbox_oldest_unpublished_age_seconds", "orderflow_outbox_publish_latency_seconds",
                "orderflow_outbox_events_published_total", "orderflow_outbox_publish_failures_total",
                "orderflow_orders_confirmed_total", "orderflow_orders_cancelled_total{application=\"order-service\",reason=\"PAYMENT_DECLINED\"}",
                "orderflow_worker_records_total", "orderflow_worker_consumer_lag");
    }

    /** Security's per-filter observations cost a tenth of a request's CPU; the request's own timer stays. */
    @Test
    void requestsAreTimedWithoutSpringSecuritysPerFilterObservations() {
        api.post(OrderApi.order("customer-" + UUID.randomUUID()));

        String metrics = new OrderApi(managementPort).get("/actuator/prometheus").body();

        assertThat(metrics).contains("http_server_requests_seconds_count{application=\"order-service\"")
                .doesNotContain("spring_security_filterchains", "spring_security_authorizations",
                        "spring_security_authentications");
    }

    @Test
    void readinessIncludesTheDatabaseAndLivenessIsUp() {
        HttpResponse<String> readiness = new OrderApi(managementPort).get("/actuator/health/readiness");
        HttpResponse<String> liveness = new OrderApi(managementPort).get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("components").has("db")).isTrue();
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asString()).isEqualTo("UP");
    }
}
