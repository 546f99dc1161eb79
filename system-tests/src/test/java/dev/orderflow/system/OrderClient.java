package dev.orderflow.system;

import dev.orderflow.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places orders over HTTP the way a client does, each with its customer's bearer token, and says which were
 * accepted (201) with their ids.
 */
final class OrderClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI orders;

    OrderClient(URI baseUri) {
        this.orders = baseUri.resolve("/orders");
    }

    /** The accepted order's id, or {@code null} if it was not accepted (refused, or the service was down). */
    UUID place(String customerId, String sku, int quantity, long unitPriceMinor) {
        String body = """
                {"customerId":"%s","contact":{"email":"%s@example.com","phone":"+447700900123"},
                 "region":"EU","currency":"EUR","items":[{"sku":"%s","quantity":%d,"unitPriceMinor":%d}]}
                """.formatted(customerId, customerId, sku, quantity, unitPriceMinor);
        HttpRequest request = HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestIssuer.get().customer(customerId))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return null;
            }
            Matcher id = ID.matcher(response.body());
            return id.find() ? UUID.fromString(id.group(1)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
