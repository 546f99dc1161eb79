package dev.orderflow.orders.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of order-service ({@code orderflow.orders.*}).
 *
 * @param maxBodySize largest request body accepted; bigger ones get 413
 * @param idempotency how long Idempotency-Keys are remembered and how often expired ones are deleted
 * @param topic       how the topics order-service writes ({@code order-created}, {@code order-lifecycle}) are created
 */
@Validated
@ConfigurationProperties("orderflow.orders")
public record OrderServiceProperties(
        @NotNull @DefaultValue("64KB") DataSize maxBodySize,
        @NotNull @Valid @DefaultValue Idempotency idempotency,
        @NotNull @Valid @DefaultValue Topic topic) {

    /** Idempotency-Key handling. */
    public record Idempotency(
            @NotNull @DurationMin(seconds = 1) @DefaultValue("24h") Duration ttl,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration cleanupInterval) {
    }

    /** The topics order-service writes: 12 partitions and replication 1 locally; 3 replicas in production. */
    public record Topic(
            @Min(1) @Max(1000) @DefaultValue("12") int partitions,
            @Min(1) @Max(10) @DefaultValue("1") short replicationFactor,
            @NotNull @DurationMin(hours = 1) @DefaultValue("7d") Duration retention) {
    }
}
