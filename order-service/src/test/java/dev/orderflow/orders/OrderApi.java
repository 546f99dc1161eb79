package dev.orderflow.orders;

import dev.orderflow.testsupport.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client on a running order-service, with a bearer token from the test issuer: by default an order is
 * posted by the customer its body names and read by support; {@link #as} fixes one token (or none) for every call.
 */
public final class OrderApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CUSTOMER = Pattern.compile("\"customerId\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http;
    private final String base;
    /** Empty: the default callers above; present: this Authorization header value, or none if null. */
    private final Optional<Optional<String>> authorization;

    public OrderApi(int port) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
                "http://localhost:" + port, Optional.empty());
    }

    private OrderApi(HttpClient http, String base, Optional<Optional<String>> authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client, sending {@code Bearer token} on every call (no Authorization header at all if null). */
    public OrderApi as(String token) {
        return withAuthorization(token == null ? null : "Bearer " + token);
    }

    /** The same client, sending this raw {@code Authorization} header value (none if null), e.g. a garbage one. */
    public OrderApi withAuthorization(String header) {
        return new OrderApi(http, base, Optional.of(Optional.ofNullable(header)));
    }

    /** The same client, as support (scope {@code orders:read-all}). */
    public OrderApi asSupport() {
        return as(TestIssuer.get().support());
    }

    /** The same client, as the customer {@code customerId}. */
    public OrderApi asCustomer(String customerId) {
        return as(TestIssuer.get().customer(customerId));
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
        return send(authorized(HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId + "/cancel")), null)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public CompletableFuture<HttpResponse<String>> cancelAsync(Object orderId) {
        return http.sendAsync(authorized(HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId + "/cancel")),
                        null).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)), null).timeout(Duration.ofSeconds(10))
                .GET().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private HttpRequest postRequest(String body, String idempotencyKey, String contentType) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(base + "/orders")), body)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    /** Adds the caller's token: the body's customer for a POST with a body, support otherwise. */
    private HttpRequest.Builder authorized(HttpRequest.Builder request, String body) {
        Optional<String> header = authorization.orElseGet(() -> Optional.of("Bearer " + (body == null
                ? TestIssuer.get().support() : TestIssuer.get().customer(customerOf(body)))));
        header.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private static String customerOf(String body) {
        Matcher customer = CUSTOMER.matcher(body);
        return customer.find() ? customer.group(1) : "customer-of-an-unreadable-body";
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
