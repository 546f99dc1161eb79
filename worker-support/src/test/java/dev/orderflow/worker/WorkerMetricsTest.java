package dev.orderflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.testing.OrderRecords;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WorkerMetrics metrics = new WorkerMetrics(registry, "probe-worker", Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void endToEndRunsFromTheEventsCreationToTheEffectCommitted() {
        OrderCreated order = OrderRecords.order("c-1", "SKU-001", 1, 100);
        OrderCreated createdEarlier = new OrderCreated(order.eventId(), order.orderId(), order.customerId(),
                order.contact(), order.region(), order.currency(), order.items(), order.totalMinor(),
                now.minusMillis(150));
        OrderCancelled cancelled = new OrderCancelled(UUID.randomUUID(), order.orderId(), "c-1", now.minusSeconds(2),
                OrderCancelled.Reason.CUSTOMER_REQUEST, List.of());

        metrics.processed(createdEarlier, Duration.ofMillis(5));
        metrics.processed(cancelled, Duration.ofMillis(5));

        Timer endToEnd = registry.get("orderflow.worker.end.to.end").tag("worker", "probe-worker").timer();
        assertThat(endToEnd.count()).isEqualTo(2);
        assertThat(endToEnd.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_150);
    }

    @Test
    void eventFromAClockAheadOfOursIsLeftOutOfEndToEnd() {
        OrderCreated order = OrderRecords.order("c-2", "SKU-001", 1, 100);
        OrderCreated fromTheFuture = new OrderCreated(order.eventId(), order.orderId(), order.customerId(),
                order.contact(), order.region(), order.currency(), order.items(), order.totalMinor(),
                now.plusSeconds(1));

        metrics.processed(fromTheFuture, Duration.ofMillis(5));

        assertThat(registry.get("orderflow.worker.end.to.end").timer().count()).isZero();
        assertThat(registry.get("orderflow.worker.records").tag("outcome", "processed").counter().count()).isOne();
    }
}
