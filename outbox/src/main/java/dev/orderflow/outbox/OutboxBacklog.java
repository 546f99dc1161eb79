package dev.orderflow.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The events waiting to be published and the age of the oldest, as gauges. Read from the table (so every replica
 * reports the same backlog, leader or not) at most once a second however often they are scraped.
 */
public class OutboxBacklog {

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private Snapshot snapshot = new Snapshot(Instant.MIN, Double.NaN, Double.NaN);

    public OutboxBacklog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("orderflow.outbox.events.waiting", this, backlog -> backlog.current().waiting())
                .description("Outbox events stored but not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("orderflow.outbox.oldest.unpublished.age", this, backlog -> backlog.current().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox event (0 when none waits)")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Events waiting right now (not cached), for tests and operators. */
    public long waiting() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE published_at IS NULL").query(Long.class).single();
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot.takenAt().plus(FRESH_FOR).isAfter(now)) {
            return snapshot;
        }
        try {
            snapshot = jdbc.sql("SELECT count(*), min(created_at) FROM outbox_events WHERE published_at IS NULL")
                    .query((rows, n) -> {
                        Timestamp oldest = rows.getTimestamp(2);
                        double age = oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toMillis() / 1000.0;
                        return new Snapshot(now, rows.getLong(1), Math.max(0, age));
                    })
                    .single();
        } catch (RuntimeException e) {
            log.debug("Cannot read the outbox backlog: {}", e.toString());
            snapshot = new Snapshot(now, Double.NaN, Double.NaN);
        }
        return snapshot;
    }

    private record Snapshot(Instant takenAt, double waiting, double oldestAgeSeconds) {
    }
}
