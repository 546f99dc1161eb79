package dev.orderflow.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What a Prometheus scrape (OpenMetrics, as Prometheus asks for it) of a service shows while traces are sampled:
 * exemplars on counters, none on a timer's {@code _count}, which Prometheus before 2.43 refuses with the whole scrape.
 */
class PrometheusExemplarsTest {

    private static final String OPEN_METRICS = "application/openmetrics-text;version=1.0.0";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(started -> new TracingDefaults()
                    .postProcessEnvironment(started.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                    MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
                    PrometheusExemplarsAutoConfiguration.class))
            // Exemplars come from sampled traces: this test's own root span must be one.
            .withPropertyValues("management.tracing.sampling.probability=1.0");

    @Test
    void exemplarsOnlyWhereEveryPrometheusAcceptsThem() {
        context.run(started -> {
            String scrape = scrapeAfterTracedWork(started.getBean(PrometheusMeterRegistry.class),
                    started.getBean(Tracer.class));
            assertThat(exemplarLines(scrape)).as("lines with exemplars").isNotEmpty()
                    .allMatch(line -> line.startsWith("probe_orders_total"));
        });
    }

    @Test
    void allMetricTypesCanBeSwitchedBackOnForNewerPrometheus() {
        context.withPropertyValues(TracingDefaults.EXEMPLARS_ON_ALL_METRIC_TYPES + "=true").run(started -> {
            String scrape = scrapeAfterTracedWork(started.getBean(PrometheusMeterRegistry.class),
                    started.getBean(Tracer.class));
            assertThat(exemplarLines(scrape)).anyMatch(line -> line.startsWith("probe_work_seconds_count"));
        });
    }

    private static String scrapeAfterTracedWork(PrometheusMeterRegistry registry, Tracer tracer) {
        Span span = tracer.nextSpan().name("work").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            Counter.builder("probe.orders").register(registry).increment();
            Timer.builder("probe.work").register(registry).record(Duration.ofMillis(5));
        } finally {
            span.end();
        }
        return registry.scrape(OPEN_METRICS);
    }

    private static List<String> exemplarLines(String scrape) {
        return scrape.lines().filter(line -> line.contains(" # {")).toList();
    }
}
