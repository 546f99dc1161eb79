package dev.orderflow.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The worker's own meters, tagged with its consumer group: {@code orderflow_worker_records_total} by outcome
 * (processed, duplicate, ignored, failed attempts, dead-lettered) and {@code orderflow_worker_processing_seconds}.
 * Consumer lag per partition is {@link ConsumerLag}'s; the Kafka client's own metrics are published too.
 */
public class WorkerMetrics {

    private final Counter processed;
    private final Counter duplicate;
    private final Counter ignored;
    private final Counter failed;
    private final Counter deadLettered;
    private final Timer processing;

    public WorkerMetrics(MeterRegistry registry, String worker) {
        this.processed = records(registry, worker, "processed");
        this.duplicate = records(registry, worker, "duplicate");
        this.ignored = records(registry, worker, "ignored");
        this.failed = records(registry, worker, "failed");
        this.deadLettered = records(registry, worker, "dead_lettered");
        this.processing = Timer.builder("orderflow.worker.processing")
                .description("Time to process one record, from the start of its first attempt to its result")
                .tag("worker", worker)
                .publishPercentileHistogram()
                .register(registry);
    }

    private static Counter records(MeterRegistry registry, String worker, String outcome) {
        return Counter.builder("orderflow.worker.records")
                .description("Records handled by this worker, by outcome (failed counts failed attempts)")
                .tag("worker", worker)
                .tag("outcome", outcome)
                .register(registry);
    }

    void processed(Duration took) {
        processed.increment();
        processing.record(took);
    }

    void duplicate() {
        duplicate.increment();
    }

    void ignored() {
        ignored.increment();
    }

    void failedAttempt() {
        failed.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }
}
