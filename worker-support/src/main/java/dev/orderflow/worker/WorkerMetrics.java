package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.SagaEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The worker's own meters, tagged with its consumer group: {@code orderflow_worker_records_total} by outcome
 * (processed, duplicate, ignored, failed attempts, dead-lettered), {@code orderflow_worker_processing_seconds} and
 * {@code orderflow_worker_end_to_end_seconds} (event created to effect committed).
 * Consumer lag per partition is {@link ConsumerLag}'s; the Kafka client's own metrics are published too.
 */
public class WorkerMetrics {

    private final Counter processed;
    private final Counter duplicate;
    private final Counter ignored;
    private final Counter failed;
    private final Counter deadLettered;
    private final Timer processing;
    private final Timer endToEnd;
    private final Clock clock;

    public WorkerMetrics(MeterRegistry registry, String worker) {
        this(registry, worker, Clock.systemUTC());
    }

    WorkerMetrics(MeterRegistry registry, String worker, Clock clock) {
        this.clock = clock;
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
        this.endToEnd = Timer.builder("orderflow.worker.end.to.end")
                .description("Time from the event's creation (an order's createdAt, a saga event's occurredAt, both "
                        + "taken in the producer's transaction) to this worker's effect committed")
                .tag("worker", worker)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter records(MeterRegistry registry, String worker, String outcome) {
        return Counter.builder("orderflow.worker.records")
                .description("Records handled by this worker, by outcome (failed counts failed attempts)")
                .tag("worker", worker)
                .tag("outcome", outcome)
                .register(registry);
    }

    void processed(DomainEvent event, Duration took) {
        processed.increment();
        processing.record(took);
        Instant created = switch (event) {
            case OrderCreated order -> order.createdAt();
            case SagaEvent saga -> saga.occurredAt();
            default -> null;
        };
        if (created != null) {
            // Clocks of two hosts may disagree a little; a negative span says nothing, so it is left out.
            Duration sinceCreated = Duration.between(created, clock.instant());
            if (!sinceCreated.isNegative()) {
                endToEnd.record(sinceCreated);
            }
        }
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
