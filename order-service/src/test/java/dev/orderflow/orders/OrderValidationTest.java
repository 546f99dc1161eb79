package dev.orderflow.orders;

import static dev.orderflow.orders.OrderApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres(database = "orders")
class OrderValidationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    OrderApi api;

    @BeforeEach
    void client() {
        api = new OrderApi(port);
    }

    static Stream<Arguments> invalidOrders() {
        String valid = "\"customerId\":\"c-1\",\"contact\":{\"email\":\"ada@example.com\",\"phone\":\"+447700900123\"},"
                + "\"currency\":\"EUR\"";
        String item = "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPriceMinor\":100}";
        String tooManyItems = IntStream.range(0, 101).mapToObj(i -> item).collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("customerId", "{\"contact\":{\"email\":\"ada@example.com\"},\"currency\":\"EUR\",\"items\":[" + item + "]}"),
                Arguments.of("customerId", "{\"customerId\":\"" + "c".repeat(65) + "\",\"contact\":{\"email\":\"ada@example.com\"},\"currency\":\"EUR\",\"items\":[" + item + "]}"),
                Arguments.of("contact", "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[" + item + "]}"),
                Arguments.of("contact.email", "{\"customerId\":\"c-1\",\"contact\":{\"email\":\"not-an-email\"},\"currency\":\"EUR\",\"items\":[" + item + "]}"),
                Arguments.of("contact.phone", "{\"customerId\":\"c-1\",\"contact\":{\"email\":\"ada@example.com\",\"phone\":\"07700 900123\"},\"currency\":\"EUR\",\"items\":[" + item + "]}"),
                Arguments.of("currency", "{\"customerId\":\"c-1\",\"contact\":{\"email\":\"ada@example.com\"},\"currency\":\"XYZ\",\"items\":[" + item + "]}"),
                Arguments.of("items", "{" + valid + ",\"items\":[]}"),
                Arguments.of("items", "{" + valid + "}"),
                Arguments.of("items", "{" + valid + ",\"items\":[" + tooManyItems + "]}"),
                Arguments.of("items[0].quantity", "{" + valid + ",\"items\":[{\"sku\":\"S\",\"quantity\":0,\"unitPriceMinor\":1}]}"),
                Arguments.of("items[0].quantity", "{" + valid + ",\"items\":[{\"sku\":\"S\",\"quantity\":1001,\"unitPriceMinor\":1}]}"),
                Arguments.of("items[0].quantity", "{" + valid + ",\"items\":[{\"sku\":\"S\",\"quantity\":\"two\",\"unitPriceMinor\":1}]}"),
                Arguments.of("items[0].unitPriceMinor", "{" + valid + ",\"items\":[{\"sku\":\"S\",\"quantity\":1,\"unitPriceMinor\":-1}]}"),
                Arguments.of("items[0].unitPriceMinor", "{" + valid + ",\"items\":[{\"sku\":\"S\",\"quantity\":1,\"unitPriceMinor\":12.5}]}"),
                Arguments.of("items[0].sku", "{" + valid + ",\"items\":[{\"quantity\":1,\"unitPriceMinor\":1}]}"),
                Arguments.of("items", "{" + valid + ",\"items\":[{\"sku\":\"S\",\"quantity\":1000,\"unitPriceMinor\":9223372036854775807}]}"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidOrders")
    void invalidFieldIsRefusedWith400NamingTheField(String field, String body) {
        HttpResponse<String> response = api.post(body);

        assertProblem(response, 400);
        assertThat(fieldsOf(response)).contains(field);
    }

    @Test
    void everyBadFieldOfOneRequestIsNamed() {
        String body = """
                {"customerId":"","contact":{"email":"nope","phone":"123"},"currency":"euro",
                 "items":[{"sku":"","quantity":0,"unitPriceMinor":-5}]}
                """;

        HttpResponse<String> response = api.post(body);

        assertProblem(response, 400);
        assertThat(fieldsOf(response)).contains("customerId", "contact.email", "contact.phone", "currency",
                "items[0].sku", "items[0].quantity", "items[0].unitPriceMinor");
    }

    @Test
    void refusedOrderLeavesNothingBehind() {
        String customer = "customer-" + UUID.randomUUID();

        api.post(OrderApi.order(customer, "SKU-1", 0, 100));

        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isZero();
    }

    @Test
    void malformedJsonIsA400Problem() {
        HttpResponse<String> response = api.post("{\"customerId\": \"c-1\", ");

        assertProblem(response, 400);
        assertThat(json(response).get("title").asString()).isEqualTo("Malformed JSON");
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        HttpResponse<String> response = api.post(OrderApi.order("c-1"), null, "text/plain");

        assertProblem(response, 415);
    }

    @Test
    void unknownOrderIsA404Problem() {
        HttpResponse<String> response = api.get("/orders/" + UUID.randomUUID());

        assertProblem(response, 404);
    }

    @Test
    void orderIdThatIsNotAUuidIsA404Problem() {
        HttpResponse<String> response = api.get("/orders/not-a-uuid");

        assertProblem(response, 404);
    }

    @Test
    void bodyOverTheLimitIsA413Problem() {
        String padding = "x".repeat(70 * 1024);
        String body = "{\"customerId\":\"c-1\",\"padding\":\"" + padding + "\"}";

        HttpResponse<String> response = api.post(body);

        assertProblem(response, 413);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsA422Problem() {
        String key = "key-" + UUID.randomUUID();
        String customer = "customer-" + UUID.randomUUID();
        assertThat(api.post(OrderApi.order(customer, "SKU-1", 1, 100), key).statusCode()).isEqualTo(201);

        HttpResponse<String> response = api.post(OrderApi.order(customer, "SKU-1", 2, 100), key);

        assertProblem(response, 422);
        assertThat(fieldsOf(response)).containsExactly("Idempotency-Key");
    }

    @Test
    void idempotencyKeyLongerThan255CharactersIsA400Problem() {
        HttpResponse<String> response = api.post(OrderApi.order("c-1"), "k".repeat(256));

        assertProblem(response, 400);
        assertThat(fieldsOf(response)).containsExactly("Idempotency-Key");
    }

    @Test
    void listingWithoutCustomerIdIsA400Problem() {
        HttpResponse<String> response = api.get("/orders");

        assertProblem(response, 400);
        assertThat(fieldsOf(response)).containsExactly("customerId");
    }

    @Test
    void pageSizeOutsideItsLimitsIsA400Problem() {
        HttpResponse<String> response = api.get("/orders?customerId=c-1&size=1000");

        assertProblem(response, 400);
        assertThat(fieldsOf(response)).containsExactly("size");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    private static List<String> fieldsOf(HttpResponse<String> response) {
        JsonNode errors = json(response).get("errors");
        assertThat(errors).as("errors of %s", response.body()).isNotNull();
        return errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
