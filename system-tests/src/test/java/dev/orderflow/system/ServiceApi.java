package dev.orderflow.system;

import dev.orderflow.events.EventJson;
import dev.orderflow.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP faces the saga scenarios use, called as a customer or an operator would, each with its own bearer token:
 * order-service's orders (placed and cancelled by their customer, read by support) and inventory-worker's stock
 * admin (operations). Answers are JSON trees, so a test reads the fields it checks.
 */
final class ServiceApi {

    /** An HTTP answer: its status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    /** One order line. */
    record Line(String sku, int quantity, long unitPriceMinor) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI orders;
    private final URI inventory;

    ServiceApi(URI orderService, URI inventoryWorker) {
        this.orders = orderService;
        this.inventory = inventoryWorker;
    }

    /**
     * Places an order and returns its id; fails the test unless it was accepted. A request that gets no answer (a
     * timeout on a loaded machine) is sent again with the same Idempotency-Key, as a client should: the service
     * answers with the order it already made, if it made one.
     */
    UUID place(String customerId, List<Line> lines) {
        return place(customerId, lines, null);
    }

    /**
     * Places an order as a traced client does, with a sampled W3C {@code traceparent}: the services (which sample
     * nothing of their own in these tests) then record its spans, and their metrics get exemplars, as in production.
     */
    UUID placeSampled(String customerId, List<Line> lines) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String spanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return place(customerId, lines, "00-" + traceId + "-" + spanId + "-01");
    }

    private UUID place(String customerId, List<Line> lines, String traceparent) {
        Map<String, Object> body = Map.of(
                "customerId", customerId,
                "contact", Map.of("email", "customer@example.com", "phone", "+447700900123"),
                "region", "EU",
                "currency", "EUR",
                "items", lines);
        String idempotencyKey = UUID.randomUUID().toString();
        String json = EventJson.mapper().writeValueAsString(body);
        IllegalStateException unanswered = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Answer answer;
            HttpRequest.Builder request = HttpRequest.newBuilder(orders.resolve("/orders"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TestIssuer.get().customer(customerId))
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (traceparent != null) {
                request.header("traceparent", traceparent);
            }
            try {
                answer = send(request);
            } catch (IllegalStateException e) {
                unanswered = e;
                continue;
            }
            if (answer.status() != 201) {
                throw new AssertionError("POST /orders answered " + answer.status() + ": " + answer.body());
            }
            return UUID.fromString(answer.body().get("id").asString());
        }
        throw new AssertionError("POST /orders got no answer in 3 attempts", unanswered);
    }

    JsonNode order(UUID id) {
        Answer answer = send(HttpRequest.newBuilder(orders.resolve("/orders/" + id)).GET()
                .header("Authorization", "Bearer " + TestIssuer.get().support()));
        if (answer.status() != 200) {
            throw new AssertionError("GET /orders/" + id + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    String status(UUID id) {
        return order(id).get("status").asString();
    }

    /** Cancelled by the order's own customer, as only a customer may. */
    Answer cancel(UUID id) {
        String customer = order(id).get("customerId").asString();
        return send(HttpRequest.newBuilder(orders.resolve("/orders/" + id + "/cancel"))
                .header("Authorization", "Bearer " + TestIssuer.get().customer(customer))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Sets a SKU's stock level through inventory-worker's admin API. */
    void setStock(String sku, long available) {
        Answer answer = send(HttpRequest.newBuilder(inventory.resolve("/stock/" + sku))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestIssuer.get().ops())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":" + available + "}")));
        if (answer.status() != 200) {
            throw new AssertionError("PUT /stock/" + sku + " answered " + answer.status() + ": " + answer.body());
        }
    }

    long stock(String sku) {
        Answer answer = send(HttpRequest.newBuilder(inventory.resolve("/stock/" + sku)).GET()
                .header("Authorization", "Bearer " + TestIssuer.get().ops()));
        if (answer.status() != 200) {
            throw new AssertionError("GET /stock/" + sku + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body().get("available").asLong();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : EventJson.mapper().readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
