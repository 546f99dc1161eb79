package dev.orderflow.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prometheus for the no-Docker stack: Debian's {@code prometheus} binary (Grafana has no Debian package and needs
 * Docker here), scraping every service's {@code /actuator/prometheus} every 5 s and evaluating the same alert rules
 * as docker-compose and Kubernetes ({@code deploy/prometheus/alerts.yml}). Optional: the stack runs without it.
 * The configuration is written at each start from the services actually launched, with the same {@code application}
 * labels as compose's, so the dashboards' and alerts' queries work unchanged.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 9090;

    private final Path dataDir;
    private final int port;
    private final ChildProcess process;

    private PrometheusServer(Path binary, Path dataDir, int port, Consumer<String> sink) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = new ChildProcess("prometheus", List.of(binary.toString(),
                "--config.file=" + dataDir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dataDir.resolve("tsdb"),
                "--storage.tsdb.retention.time=2d",
                "--web.listen-address=127.0.0.1:" + port),
                Map.of(), dataDir.resolve("prometheus.log"), sink);
    }

    /** The {@code prometheus} executable on the PATH (or Debian's /usr/bin), if installed. */
    public static Optional<Path> findBinary() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "prometheus"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/prometheus"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Writes the configuration for these services (name to port) and starts Prometheus; returns once its
     * readiness endpoint answers.
     */
    public static PrometheusServer start(Path binary, Path dataDir, int port, Map<String, Integer> services,
            Path alertRules, Consumer<String> sink, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("prometheus.yml"), configuration(services, alertRules),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write Prometheus' configuration in " + dataDir, e);
        }
        PrometheusServer server = new PrometheusServer(binary, dataDir, port, sink);
        server.process.start();
        server.awaitReady(timeout);
        return server;
    }

    /** The scrape and rule configuration, in Prometheus' YAML. */
    static String configuration(Map<String, Integer> services, Path alertRules) {
        StringBuilder yaml = new StringBuilder("""
                # Written by orderflow's local stack at each start; edit LocalStack/PrometheusServer, not this file.
                global:
                  scrape_interval: 5s
                  evaluation_interval: 15s
                """);
        if (alertRules != null) {
            yaml.append("rule_files:\n  - '").append(alertRules.toAbsolutePath()).append("'\n");
        }
        yaml.append("""
                scrape_configs:
                  - job_name: orderflow
                    metrics_path: /actuator/prometheus
                    static_configs:
                """);
        services.forEach((name, servicePort) -> yaml
                .append("      - targets: ['127.0.0.1:").append(servicePort).append("']\n")
                .append("        labels: {application: ").append(name).append("}\n"));
        return yaml.toString();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process.hasDied()) {
                throw new IllegalStateException("Prometheus exited while starting:\n" + process.tail(20));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Prometheus", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Prometheus", e);
            }
        }
        process.stop(5);
        throw new IllegalStateException("Prometheus not ready on " + uri() + " within " + timeout + ":\n"
                + process.tail(20));
    }

    @Override
    public void close() {
        process.stop(10);
    }
}
