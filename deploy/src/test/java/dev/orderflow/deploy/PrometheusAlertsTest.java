package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/prometheus/alerts.yml, the one source of orderflow's alerts: its promtool unit tests pass, it names only
 * meters the services register, and docker-compose's Prometheus and the Prometheus Operator get it unchanged.
 */
class PrometheusAlertsTest {

    private static final Path PROMETHEUS = RenderedManifests.MODULE.resolve("prometheus");
    private static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");

    /** A metric name in a PromQL expression; a recording rule's name (level:metric:operations) is not one. */
    private static final Pattern METRIC = Pattern.compile("(?<![\\w:])(orderflow_[a-z_]+)(?![\\w:])");
    private static final Pattern OUTCOME = Pattern.compile("outcome=~?\"([^\"]+)\"");

    @Test
    void everyAlertFiresWhereItShouldAndStaysQuietOnHealthySeries() {
        // given: promtool (.ci/run installs Debian's prometheus package, which ships it)
        assumePromtool();

        // when
        Promtool result = promtool("test", "rules", "alerts.test.yml");

        // then
        assertThat(result.exitCode()).as("promtool test rules alerts.test.yml:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theRulesAndTheComposePrometheusConfigurationThatLoadsThemAreValid() {
        // given
        assumePromtool();

        // when: check config also checks every file under rule_files
        Promtool rules = promtool("check", "rules", "alerts.yml");
        Promtool config = promtool("check", "config", "prometheus.yml");

        // then
        assertThat(rules.exitCode()).as("promtool check rules alerts.yml:%n%s", rules.output()).isZero();
        assertThat(config.exitCode()).as("promtool check config prometheus.yml:%n%s", config.output()).isZero();
        assertThat(config.output()).contains("1 rule files found");
    }

    @Test
    void everyAlertHasASeverityAndASummaryAndDescriptionOfWhatToDo() {
        List<JsonNode> alerts = rules().stream().filter(rule -> rule.has("alert")).toList();

        assertThat(alerts).extracting(alert -> alert.path("alert").asString()).containsExactlyInAnyOrder(
                "ConsumerLagGrowing", "ConsumerLagNotClearing", "RecordsDeadLettered", "OutboxEventStuck",
                "OutboxPublishFailures", "ServiceDown");
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.at("/labels/severity").asString()).as(alert.path("alert").asString())
                    .isIn("warning", "critical");
            assertThat(alert.at("/annotations/summary").asString()).as(alert.path("alert").asString()).isNotBlank();
            assertThat(alert.at("/annotations/description").asString()).as(alert.path("alert").asString())
                    .containsPattern("(?i)\\b(check|look|read)\\b");
        });
    }

    @Test
    void consumerLagGrowingWatchesTheTrendOfTheLagNotItsSize() {
        JsonNode alert = rules().stream().filter(rule -> "ConsumerLagGrowing".equals(rule.path("alert").asString()))
                .findFirst().orElseThrow();

        assertThat(alert.path("expr").asString()).contains("deriv(worker:orderflow_worker_consumer_lag:sum[");
        assertThat(alert.path("for").asString()).isEqualTo("10m");
    }

    @Test
    void theRulesNameOnlyMetersAndOutcomesTheServicesRegister() throws IOException {
        // given: the Java sources of every module, where the Micrometer meters are registered
        String sources = mainJavaSources();
        String workerMetrics = Files.readString(RenderedManifests.REPOSITORY.resolve(
                "worker-support/src/main/java/dev/orderflow/worker/WorkerMetrics.java"));

        // when
        Set<String> metrics = new TreeSet<>();
        Set<String> outcomes = new TreeSet<>();
        for (JsonNode rule : rules()) {
            String expr = rule.path("expr").asString();
            METRIC.matcher(expr).results().map(match -> match.group(1)).forEach(metrics::add);
            Matcher outcome = OUTCOME.matcher(expr);
            while (outcome.find()) {
                outcomes.addAll(Arrays.asList(outcome.group(1).split("\\|")));
            }
        }

        // then: Prometheus' name is the meter's, dotted, plus _total for a counter or its base unit
        assertThat(metrics).contains("orderflow_worker_consumer_lag", "orderflow_worker_records_total",
                "orderflow_outbox_oldest_unpublished_age_seconds", "orderflow_outbox_publish_failures_total");
        assertThat(metrics).allSatisfy(metric -> assertThat(sources)
                .as("a meter named %s is registered in some */src/main/java", micrometerName(metric))
                .contains("\"" + micrometerName(metric) + "\""));
        assertThat(outcomes).isNotEmpty().allSatisfy(outcome -> assertThat(workerMetrics)
                .as("WorkerMetrics counts the outcome %s", outcome).contains("\"" + outcome + "\""));
    }

    @Test
    void thePrometheusOperatorGetsExactlyTheGroupsOfAlertsYml() {
        // given
        JsonNode groups = read(ALERTS).path("groups");

        // when
        JsonNode rule = RenderedManifests.of("production-prometheus-operator").one("PrometheusRule", "orderflow");

        // then
        assertThat(rule.at("/spec/groups"))
                .as("the PrometheusRule's spec.groups are alerts.yml's groups: after editing alerts.yml, run "
                        + "deploy/prometheus/update-prometheus-rule.sh")
                .isEqualTo(groups);
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        read(ALERTS).path("groups").values().forEach(group -> group.path("rules").values().forEach(rules::add));
        assertThat(rules).as("rules in %s", ALERTS).isNotEmpty();
        return rules;
    }

    private static JsonNode read(Path yaml) {
        return new YAMLMapper().readTree(yaml.toFile());
    }

    /** orderflow_worker_records_total -> orderflow.worker.records (the unit suffix comes from baseUnit). */
    private static String micrometerName(String metric) {
        return metric.replaceFirst("_(total|seconds)$", "").replace('_', '.');
    }

    /** The main Java sources of every module of the root pom. */
    private static String mainJavaSources() throws IOException {
        StringBuilder sources = new StringBuilder();
        for (String module : RootPom.modules()) {
            Path root = RenderedManifests.REPOSITORY.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                    sources.append(Files.readString(file)).append('\n');
                }
            }
        }
        assertThat(sources).as("main Java sources of %s", RootPom.modules()).isNotEmpty();
        return sources.toString();
    }

    /** What promtool printed and how it ended. */
    private record Promtool(int exitCode, String output) {
    }

    private static void assumePromtool() {
        boolean onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "promtool")));
        assumeTrue(onPath, "promtool is not on the PATH, so the alert rules' promtool tests did not run. "
                + "Install it (Debian: apt-get install --no-install-recommends prometheus; .ci/run does) or run "
                + "`promtool test rules deploy/prometheus/alerts.test.yml` where it is.");
    }

    /** Runs promtool in deploy/prometheus, prints its output (the test log shows it) and returns it. */
    private static Promtool promtool(String... arguments) {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        try {
            // Output to a file, so a promtool that hangs cannot block this thread on a full pipe.
            Path log = Files.createTempFile("promtool", ".log");
            Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!finished) {
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes:\n" + output);
            }
            System.out.printf("$ %s%n%s%n", String.join(" ", command), output);
            return new Promtool(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + String.join(" ", command) + " ran", e);
        }
    }
}
