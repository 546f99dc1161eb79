package dev.orderflow.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client on a running order-service, as a customer would call it. */
public final class OrderApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public OrderApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public static String order(String customerId) {
        return order(customerId, "SKU-001", 2, 1299);
    }

    public static String order(String customerId, String sku, int quantity, long unitPriceMinor) {
        return """
                {"customerId":"%s","contact":{"email":"ada@example.com","phone":"+447700900123"},"region":"EU",
                 "currency":"EUR","items":[{"sku":"%s","quantity":%d,"unitPriceMinor":%d}]}
                """.formatted(customerId, sku, quantity, unitPriceMinor);
    }

    public HttpResponse<String> post(String body) {
        return send(postRequest(body, null, "application/json"));
    }

    public HttpResponse<String> post(String body, String idempotencyKey) {
        return send(postRequest(body, idempotencyKey, "application/json"));
    }

    public HttpResponse<String> post(String body, String idempotencyKey, String contentType) {
        return send(postRequest(body, idempotencyKey, contentType));
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String body, String idempotencyKey) {
        return http.sendAsync(postRequest(body, idempotencyKey, "application/json"),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /orders/{id}/cancel}, without a body. */
    public HttpResponse<String> cancel(Object orderId) {
        return send(HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId + "/cancel"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public CompletableFuture<HttpResponse<String>> cancelAsync(Object orderId) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId + "/cancel"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private HttpRequest postRequest(String body, String idempotencyKey, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
