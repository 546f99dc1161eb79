package dev.orderflow.loadtest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SMS provider API for sms-worker's benchmark: answers {@code POST /messages} with {@code {"id": ...}} after
 * {@code delay} (the seed's 250 ms), a virtual thread per request. sms-worker has no simulated latency of its own
 * (without a provider URL it only logs), so this is where the provider's time is spent.
 */
final class SlowSmsProvider implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    SlowSmsProvider(Duration delay) throws IOException {
        // The JDK server keeps at most 200 idle connections by default and silently closes any more once it has
        // answered on them; with ~250 requests in flight that closed a quarter of sms-worker's kept-alive connections
        // after every text. A provider's API keeps its clients' connections open; so does this one. (Read once, when
        // the first server is made: the benchmark makes no other.)
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.createContext("/messages", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(delay);
                byte[] body = ("{\"id\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(requests);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }
}
