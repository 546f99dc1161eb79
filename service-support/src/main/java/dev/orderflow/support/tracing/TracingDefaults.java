package dev.orderflow.support.tracing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The tracing defaults of every service, with the lowest precedence so that application.yml or the environment can
 * override each: one trace in ten sampled, and an OTLP endpoint given but blank (an optional Kubernetes ConfigMap key
 * left empty) meaning no export rather than an exporter for the URL "" that fails at start-up.
 *
 * <p>Sampling is decided once, where a trace starts (Boot's parent-based sampler): a request or record that carries a
 * {@code traceparent} follows its caller's decision, so an order's trace is whole, from the POST through the outbox
 * to every worker and back, or not recorded at all; a caller that asks for a sampled trace always gets one. Every
 * trace was sampled until the system benchmark counted what it costs on every request and record (issue 21); an
 * unsampled trace still has its ids, so every log line, errors included, still carries them. The local demo
 * ({@code scripts/run-local}, docker-compose, the local Kubernetes overlay) samples every trace, to follow each order.
 *
 * <p>Spring Security's own observations off: it wraps each of the dozen filters of every request in an observation
 * (a long-task timer and a span each, before and after the chain) and observes each authentication and authorization.
 * They were a tenth of order-service's CPU per request (JFR, system benchmark at 50 orders/s), and no dashboard,
 * alert or test reads them; the request's own span and {@code http.server.requests} remain.
 *
 * <p>Exemplars (the trace id of a sampled request beside a metric) only where OpenMetrics 1.0 allows them: counters
 * and histogram buckets. Micrometer also puts them on every {@code _count}, which Prometheus before 2.43 (Debian 12
 * ships 2.42) refuses by dropping the whole scrape: every panel of the local stack's Prometheus stayed empty.
 */
public class TracingDefaults implements EnvironmentPostProcessor {

    static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";
    static final String DEFAULT_SAMPLING_PROBABILITY = "0.1";
    static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String OTLP_EXPORT_ENABLED = "management.tracing.export.otlp.enabled";
    static final String SECURITY_OBSERVATIONS = "management.observations.enable.spring.security";
    static final String EXEMPLARS_ON_ALL_METRIC_TYPES =
            "management.prometheus.metrics.export.properties[io.prometheus.exporter.exemplarsOnAllMetricTypes]";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(SAMPLING_PROBABILITY, DEFAULT_SAMPLING_PROBABILITY);
        defaults.put(EXEMPLARS_ON_ALL_METRIC_TYPES, "false");
        defaults.put(SECURITY_OBSERVATIONS, "false");
        String endpoint = environment.getProperty(OTLP_ENDPOINT);
        if (endpoint != null && endpoint.isBlank()) {
            defaults.put(OTLP_EXPORT_ENABLED, "false");
        }
        environment.getPropertySources().addLast(new MapPropertySource("orderflowTracingDefaults", defaults));
    }
}
