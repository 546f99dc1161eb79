package dev.orderflow.analyticsworker.sales;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * analytics-worker's settings ({@code orderflow.analytics.*}).
 *
 * @param simulatedLatency a pause before counting each order, standing in for a slow analytics store in benchmarks
 *     (the seed's figure is 100 ms); zero in normal operation
 */
@Validated
@ConfigurationProperties("orderflow.analytics")
public record AnalyticsProperties(@NotNull @DefaultValue("0ms") Duration simulatedLatency) {
}
