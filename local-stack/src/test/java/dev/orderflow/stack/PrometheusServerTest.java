package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's Prometheus (Debian's binary, started for real) scrapes a service's actuator endpoint under the
 * service's {@code application} label and loads orderflow's alert rules. Skipped where Prometheus is not installed;
 * {@code .ci/run} installs it.
 */
class PrometheusServerTest {

    private static final Path ALERT_RULES = Path.of("../deploy/prometheus/alerts.yml");

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer service;
    private PrometheusServer prometheus;

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void scrapesEachServiceUnderItsApplicationLabelAndLoadsTheAlertRules() throws Exception {
        var binary = PrometheusServer.findBinary();
        assumeTrue(binary.isPresent(), "prometheus is not installed (Debian: apt-get install prometheus)");
        service = fakeService("orderflow_worker_consumer_lag{worker=\"payment-worker\",partition=\"3\"} 42\n");

        prometheus = PrometheusServer.start(binary.get(), data, FreePorts.any(),
                Map.of("payment-worker", service.getAddress().getPort()), ALERT_RULES, null, Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/v1/query?query=" + URLEncoder.encode(
                        "orderflow_worker_consumer_lag{application=\"payment-worker\",partition=\"3\"}",
                        StandardCharsets.UTF_8)))
                        .contains("\"value\":[").contains(",\"42\"]"));
        assertThat(get("/api/v1/rules")).contains("\"name\":\"ConsumerLagGrowing\"")
                .contains("\"name\":\"OutboxEventStuck\"");
    }

    @Test
    void writesNoRuleFilesWhenThereAreNone() {
        assertThat(PrometheusServer.configuration(Map.of("order-service", 8080), null))
                .doesNotContain("rule_files")
                .contains("targets: ['127.0.0.1:8080']", "labels: {application: order-service}");
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(prometheus.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpServer fakeService(String metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
