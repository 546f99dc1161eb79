package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderflow.events.EventJson;
import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.PrometheusServer;
import dev.orderflow.stack.ServiceSpec;
import dev.orderflow.system.ServiceApi.Line;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every metric the Grafana dashboards and the Prometheus alert rules query is one the running services really
 * export: after a confirmed and a cancelled order, the names in their expressions are compared with a scrape of every
 * service's {@code /actuator/prometheus}. A renamed meter fails here, not as an empty panel or a silent alert. Where
 * Debian's Prometheus is installed (CI installs it), a real Prometheus scrapes all six services as the local stack
 * configures it, and must see every service up and every queried metric: a scrape format it refuses fails here too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSystem.class)
class DashboardMetricsTest {

    /** Our metric families and the framework ones the files use; recording rules (with a colon) are not scraped. */
    private static final Pattern METRIC = Pattern.compile(
            "(?<![a-zA-Z0-9_:])((?:orderflow|http|kafka|jvm|process|hikaricp)_[a-z0-9_]+)(?![a-zA-Z0-9_:])");
    private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");

    private SystemUnderTest system;
    private Set<String> queried;

    /** Two orders (sampled, so exemplars appear as in production), one confirmed and one cancelled: every meter moves. */
    @BeforeAll
    void placeOrdersAndReadTheQueries() throws IOException {
        system = SharedSystem.system();
        ServiceApi api = new ServiceApi(system.service("order-service").baseUri(),
                system.service("inventory-worker").baseUri());
        UUID confirmed = api.placeSampled("metrics-" + UUID.randomUUID(), List.of(new Line("SKU-001", 1, 100)));
        UUID cancelled = api.placeSampled("metrics-" + UUID.randomUUID() + "-declined",
                List.of(new Line("SKU-002", 1, 100)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(api.status(confirmed))
                && "CANCELLED".equals(api.status(cancelled)));

        queried = new TreeSet<>();
        try (Stream<Path> dashboards = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode json = EventJson.mapper().readTree(Files.readString(dashboard));
                json.findValues("expr").forEach(expr -> queried.addAll(metricsIn(expr.asString())));
            }
        }
        queried.addAll(metricsIn(Files.readString(DEPLOY.resolve("prometheus/alerts.yml"))));
        assertThat(queried).as("metrics the dashboards and alerts use").isNotEmpty();
    }

    @Test
    void everyMetricTheDashboardsAndAlertsQueryIsExported() {
        // Counters and timers appear once something happened; the two orders make them all happen.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (ServiceSpec service : ServiceSpec.ALL) {
                exported.addAll(scrape(system.service(service.name()).managementUri().resolve("/actuator/prometheus")
                        .toString()));
            }
            assertThat(exported).as("metrics the services export").containsAll(queried);
        });
    }

    @Test
    void prometheusScrapesEveryServiceAndSeesEveryQueriedMetric(@TempDir Path data) {
        var binary = PrometheusServer.findBinary();
        assumeTrue(binary.isPresent(), "prometheus is not installed (Debian: apt-get install prometheus)");
        Map<String, Integer> services = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(spec -> services.put(spec.name(), system.service(spec.name()).managementPort()));

        try (PrometheusServer prometheus = PrometheusServer.start(binary.get(), data, FreePorts.any(), services,
                DEPLOY.resolve("prometheus/alerts.yml"), null, Duration.ofSeconds(60))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode targets = get(prometheus, "/api/v1/targets").get("data").get("activeTargets");
                assertThat(targets.size()).as("scrape targets").isEqualTo(services.size());
                for (JsonNode target : targets) {
                    assertThat(target.get("health").asString())
                            .as(target.get("labels").get("application").asString() + ": "
                                    + target.get("lastError").asString())
                            .isEqualTo("up");
                }
                Set<String> stored = new TreeSet<>();
                get(prometheus, "/api/v1/label/__name__/values").get("data")
                        .forEach(name -> stored.add(name.asString()));
                assertThat(stored).as("metrics Prometheus stored").containsAll(queried);
            });
        }
    }

    private static JsonNode get(PrometheusServer prometheus, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return EventJson.mapper().readTree(http.send(HttpRequest.newBuilder(prometheus.uri().resolve(path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(text);
        while (metric.find()) {
            names.add(metric.group(1));
        }
        return names;
    }

    private static Set<String> scrape(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Set<String> names = new TreeSet<>();
            body.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
            return names;
        }
    }
}
