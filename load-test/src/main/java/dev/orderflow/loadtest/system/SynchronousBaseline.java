package dev.orderflow.loadtest.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The seed's design, for comparison: one HTTP endpoint that does the five effects inside the request, one after the
 * other, with the seed's delays (payment 200 ms, inventory 100 ms, email 300 ms, SMS 250 ms, analytics 100 ms:
 * 950 ms per order, which the issue rounds to 1,000 ms), and answers 201 only then. It runs on 200 platform threads, Tomcat's default maximum, as the
 * seed's Spring MVC controller would. The effects are the delays alone (no database), which favours the baseline.
 */
final class SynchronousBaseline implements AutoCloseable {

    static final List<Duration> SEED_EFFECTS = List.of(Duration.ofMillis(200), Duration.ofMillis(100),
            Duration.ofMillis(300), Duration.ofMillis(250), Duration.ofMillis(100));
    static final int THREADS = 200;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    SynchronousBaseline(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(threads);
        server.createContext("/orders", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                for (Duration effect : SEED_EFFECTS) {
                    Thread.sleep(effect);
                }
                byte[] body = "{\"status\":\"PENDING\"}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    URI ordersUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
