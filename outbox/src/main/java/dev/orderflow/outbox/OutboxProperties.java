package dev.orderflow.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox and its relay ({@code orderflow.outbox.*}). The relay's Kafka producer reaches the
 * brokers named by {@code spring.kafka.bootstrap-servers}; {@code producer} adds or overrides producer settings.
 *
 * @param relayEnabled        whether this instance runs a relay at all (appending works either way)
 * @param pollInterval        how often the leader looks for rows without being woken: only a lost notification
 *                            needs it (other instances' commits wake the leader through PostgreSQL)
 * @param batchSize           rows read and sent per round
 * @param leaderRetryInterval how often an instance that is not the leader tries to become it
 * @param lockId              the PostgreSQL advisory lock that elects the leader (one per database)
 * @param backoffInitial      first pause after a failed round; doubles up to {@code backoffMax}
 * @param backoffMax          longest pause between failed rounds
 * @param retention           how long published rows are kept before the cleanup deletes them
 * @param cleanupInterval     how often the leader deletes expired published rows
 * @param cleanupBatchSize    rows deleted per statement, so the cleanup never holds long locks
 * @param shutdownTimeout     how long a stop waits for the in-flight round before abandoning it
 * @param producer            extra Kafka producer settings, e.g. {@code compression.type}
 * @param partitioning        {@code KEY}: Kafka's default, by key; {@code REGION}: the region partitioner
 * @param regionPartitions    the fixed partition of each region when {@code partitioning} is {@code REGION}
 */
@Validated
@ConfigurationProperties("orderflow.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration pollInterval,
        @Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
        @NotNull @DurationMin(millis = 10) @DefaultValue("2s") Duration leaderRetryInterval,
        @DefaultValue("7001100001") long lockId,
        @NotNull @DurationMin(millis = 1) @DefaultValue("100ms") Duration backoffInitial,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration backoffMax,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("24h") Duration retention,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration cleanupInterval,
        @Min(1) @Max(100_000) @DefaultValue("1000") int cleanupBatchSize,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration shutdownTimeout,
        @NotNull @DefaultValue Map<String, String> producer,
        @NotNull @DefaultValue("KEY") Partitioning partitioning,
        Map<String, Integer> regionPartitions) {

    /** The contract's fixed region partitions, when none are configured. */
    public static final Map<String, Integer> DEFAULT_REGION_PARTITIONS = Map.of("US", 0, "EU", 1, "APAC", 2);

    /** How the relay spreads events over a topic's partitions. */
    public enum Partitioning {
        KEY, REGION
    }

    public OutboxProperties {
        producer = Map.copyOf(producer == null ? Map.of() : producer);
        regionPartitions = regionPartitions == null || regionPartitions.isEmpty()
                ? DEFAULT_REGION_PARTITIONS
                : Map.copyOf(regionPartitions);
        if (backoffInitial != null && backoffMax != null && backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("orderflow.outbox.backoff-max must not be shorter than backoff-initial");
        }
    }
}
