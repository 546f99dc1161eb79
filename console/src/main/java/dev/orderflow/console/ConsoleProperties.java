package dev.orderflow.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the console finds the system; the defaults are the local stack's ports (ARCHITECTURE.md, Ports).
 *
 * @param orderService     order-service's public URL
 * @param services         every service whose management port the console reads: lag, outbox, dead letters
 * @param stackControl     the local stack's control endpoint; empty where there is none (compose, Kubernetes)
 * @param sampleInterval   how often lag and outbox are sampled for the chart
 * @param history          how much of that the chart keeps
 */
@Validated
@ConfigurationProperties("orderflow.console")
public record ConsoleProperties(
        @NotNull URI orderService,
        @NotEmpty List<@Valid MonitoredService> services,
        Optional<URI> stackControl,
        @DefaultValue("5s") Duration sampleInterval,
        @DefaultValue("10m") Duration history) {

    public ConsoleProperties {
        // An empty value (as a test or compose sets it) means: no control endpoint here.
        stackControl = stackControl == null ? Optional.empty()
                : stackControl.filter(uri -> !uri.toString().isBlank());
    }

    /** A service's name (also its consumer group) and its management (actuator) base URL. */
    public record MonitoredService(@NotNull String name, @NotNull URI managementUrl) {
    }

    public Optional<MonitoredService> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public int samplesKept() {
        return (int) Math.max(2, history.toMillis() / sampleInterval.toMillis());
    }
}
