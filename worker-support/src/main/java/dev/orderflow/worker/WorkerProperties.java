package dev.orderflow.worker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker consumes ({@code orderflow.worker.*}, each also an environment variable such as
 * {@code ORDERFLOW_WORKER_CONCURRENCY}).
 *
 * @param group the consumer group; empty means {@code spring.application.name}
 * @param partitions partitions of the topics this worker creates (its source topics and their dead-letter topics)
 * @param replicas replication factor of those topics (3 in production, 1 locally)
 * @param ordering {@code KEY}: records of a batch run in parallel across keys, in order within a key;
 *     {@code PARTITION}: one thread per partition, in offset order (the slow baseline)
 * @param concurrency Kafka consumers (threads that poll) in this instance. A consumer polls its next batch only once
 *     the last is settled, so while one batch's lanes wait for their provider the others' use the database; four
 *     consumers of up to 1,000 records drained 40% more orders a second than two of 500 (payment-worker,
 *     docs/benchmarks/worker-throughput.md)
 * @param maxPollRecords the largest batch one poll hands to the core: more records in flight per wait for the
 *     provider
 * @param eventRetention retention of the source topics, when this worker creates them
 * @param deadLetterRetention retention of the dead-letter topics
 * @param retry the backoff for records whose processing fails
 * @param groupCommit how the records' transactions are grouped
 * @param maxConcurrentTransactions where each record has a transaction of its own (group commit off): how
 *     many of a batch's lanes may hold one, and with it a pooled connection, at once. Below the pool's size, so that
 *     a service's other work (order-service's POSTs, its outbox relay) always finds a connection; without a bound, a
 *     batch of hundreds of lanes queued for the pool and starved the service's requests
 * @param lagInterval how often the consumer lag per partition is measured for the metrics
 * @param commitInterval how often a consumer commits the offsets of its durable records ({@link OffsetCommits}):
 *     at most once this long while batches come, and once it has been idle this long. At 25-50 orders a second a
 *     batch is one record, and a commit after every batch was a round trip to the broker per record and group; a
 *     crash brings back at most this long of records, which the ledger finds done. Zero: after every batch
 */
@Validated
@ConfigurationProperties("orderflow.worker")
public record WorkerProperties(
        String group,
        @Min(1) @DefaultValue("12") int partitions,
        @Min(1) @Max(32767) @DefaultValue("1") int replicas,
        @NotNull @DefaultValue("KEY") Ordering ordering,
        @Min(1) @DefaultValue("4") int concurrency,
        @Min(1) @DefaultValue("1000") int maxPollRecords,
        @NotNull @DefaultValue("7d") Duration eventRetention,
        @NotNull @DefaultValue("14d") Duration deadLetterRetention,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue GroupCommit groupCommit,
        @Min(1) @DefaultValue("4") int maxConcurrentTransactions,
        @NotNull @DefaultValue("5s") Duration lagInterval,
        @NotNull @DefaultValue("1s") Duration commitInterval) {

    /** What may run in parallel within one polled batch. */
    public enum Ordering {
        KEY, PARTITION
    }

    /**
     * Group commit ({@code orderflow.worker.group-commit.*}): the lanes' record steps (handler {@code record}, ledger
     * claim, outbox rows) run many to a transaction, so a worker pays one commit per group instead of one per record.
     * A group in which a record fails runs again with that record isolated: a savepoint per record with a JDBC
     * transaction manager, a transaction per record with JPA.
     *
     * @param enabled off: one transaction per record, on the lane's thread, as before group commit
     * @param maxSize the most records in one transaction; 50 stays below the 64 subtransactions PostgreSQL caches
     *     per transaction (PGPROC_MAX_CACHED_SUBXIDS), beyond which every session's snapshots get slower
     * @param linger how long a committer waits for more records once it has one (a lone record waits at most this)
     * @param committers threads committing groups at once, each with its own connection from the pool. One by default:
     *     two groups in flight that update the same hot rows (inventory's stock, analytics' daily totals) in different
     *     orders deadlock, and PostgreSQL breaks each deadlock only after {@code deadlock_timeout} (1 s); with one
     *     committer an instance's groups never wait for each other. More only for a worker whose records share no rows
     */
    public record GroupCommit(
            @DefaultValue("true") boolean enabled,
            @Min(1) @Max(1000) @DefaultValue("50") int maxSize,
            @NotNull @DefaultValue("2ms") Duration linger,
            @Min(1) @Max(16) @DefaultValue("1") int committers) {
    }

    /**
     * Bounded exponential backoff: {@code attempts} tries in all, waiting {@code initialInterval}, then
     * {@code multiplier} times longer each time, at most {@code maxInterval}.
     */
    public record Retry(
            @Min(1) @DefaultValue("4") int attempts,
            @NotNull @DefaultValue("200ms") Duration initialInterval,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("2s") Duration maxInterval) {

        /** The wait after the given failed attempt (1-based). */
        public Duration delayAfter(int attempt) {
            double millis = initialInterval.toMillis() * Math.pow(multiplier, attempt - 1);
            return Duration.ofMillis((long) Math.min(millis, maxInterval.toMillis()));
        }
    }
}
