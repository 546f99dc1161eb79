package dev.orderflow.console.operations;

import dev.orderflow.console.ConsoleProperties;
import dev.orderflow.console.ConsoleProperties.MonitoredService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Samples every service's Prometheus endpoint (management port, no token needed) at a fixed interval and keeps the
 * last minutes: each group's lag for the chart, each outbox's backlog and age. A service that does not answer (a
 * stopped worker) is recorded as unknown, not as zero.
 */
@Component
class LagHistory implements SchedulingConfigurer {

    static final String LAG = "orderflow_worker_consumer_lag";
    static final String OUTBOX_WAITING = "orderflow_outbox_events_waiting";
    static final String OUTBOX_AGE = "orderflow_outbox_oldest_unpublished_age_seconds";

    /** One moment: records behind per group (null where the group's service did not answer). */
    record Sample(Instant at, Map<String, Long> lag) {
    }

    /** The latest backlog of one service's outbox; nulls where it did not answer. */
    record Outbox(String service, Long waiting, Double oldestAgeSeconds) {
    }

    private final ConsoleProperties properties;
    private final RestClient http;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Map<String, Outbox> outboxes = new LinkedHashMap<>();

    LagHistory(ConsoleProperties properties, RestClient.Builder http) {
        this.properties = properties;
        this.http = http.clone().build();
        this.clock = Clock.systemUTC();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sample, properties.sampleInterval());
    }

    void sample() {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (MonitoredService service : properties.services()) {
            Map<String, Double> metrics = scrape(service);
            lag.put(service.name(), metrics == null || !metrics.containsKey(LAG) ? null : Math.round(metrics.get(LAG)));
            synchronized (this) {
                if (metrics == null) {
                    outboxes.computeIfPresent(service.name(), (name, last) -> new Outbox(name, null, null));
                } else if (metrics.containsKey(OUTBOX_WAITING)) {
                    outboxes.put(service.name(), new Outbox(service.name(),
                            Math.round(metrics.get(OUTBOX_WAITING)), metrics.get(OUTBOX_AGE)));
                }
            }
        }
        synchronized (this) {
            samples.addLast(new Sample(clock.instant(), lag));
            while (samples.size() > properties.samplesKept()) {
                samples.removeFirst();
            }
        }
    }

    private Map<String, Double> scrape(MonitoredService service) {
        try {
            String text = http.get().uri(service.managementUrl().resolve("/actuator/prometheus"))
                    .retrieve().body(String.class);
            return PrometheusText.sums(text == null ? "" : text, Set.of(LAG, OUTBOX_WAITING, OUTBOX_AGE));
        } catch (RestClientException e) {
            return null;
        }
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized List<Outbox> outboxes() {
        return List.copyOf(outboxes.values());
    }
}
