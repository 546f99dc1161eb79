package dev.orderflow.loadtest.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency per worker, from the services' own databases: for each order created in a phase, the time from
 * its {@code orders.created_at} (taken in order-service's transaction, just before the commit) to the worker's
 * {@code processed_orders.processed_at} (PostgreSQL's {@code now()}: the start of the worker's transaction that
 * claims the order together with its effect, committed right after). Same host, same clock.
 */
final class EndToEndLatency {

    /** One worker's figures for one phase. Latencies in microseconds; {@code missing} orders have no row yet. */
    record Result(String worker, Histogram latency, long missing) {
    }

    private EndToEndLatency() {
    }

    static Map<UUID, Instant> ordersCreated(Connection orders, Instant from, Instant to) throws SQLException {
        Map<UUID, Instant> created = new HashMap<>();
        try (PreparedStatement query = orders.prepareStatement(
                "SELECT id, created_at FROM orders WHERE created_at >= ? AND created_at < ?")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    created.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
                }
            }
        }
        return created;
    }

    static Result of(String worker, Connection workerDatabase, Map<UUID, Instant> created, Instant from)
            throws SQLException {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        long found = 0;
        try (PreparedStatement query = workerDatabase.prepareStatement(
                "SELECT order_id, processed_at FROM processed_orders WHERE processed_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant start = created.get(rows.getObject(1, UUID.class));
                    if (start != null) {
                        Instant done = rows.getTimestamp(2).toInstant();
                        long micros = TimeUnit.NANOSECONDS.toMicros(
                                java.time.Duration.between(start, done).toNanos());
                        latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
                        found++;
                    }
                }
            }
        }
        return new Result(worker, latency, created.size() - found);
    }
}
