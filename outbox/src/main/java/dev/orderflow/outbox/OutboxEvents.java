package dev.orderflow.outbox;

import dev.orderflow.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox table as the relay sees it, on the relay's own connection (the one holding the leader lock), so a
 * broken connection ends leadership and every statement at once.
 */
final class OutboxEvents {

    private final Connection connection;

    OutboxEvents(Connection connection) {
        this.connection = connection;
    }

    /**
     * Marks the rows {@code acknowledged} published at {@code at} and reads the oldest unpublished rows other than
     * those, in the order they were stored: one round trip, where a separate UPDATE would cost the relay a second
     * one each round.
     */
    List<PendingEvent> markPublishedAndReadOldest(Collection<UUID> acknowledged, Instant at, int limit)
            throws SQLException {
        // A data-modifying WITH always runs to completion; the SELECT sees the rows as they were before it,
        // hence the explicit exclusion of the rows just marked.
        try (PreparedStatement select = connection.prepareStatement("""
                WITH marked AS (
                    UPDATE outbox_events SET published_at = ? WHERE id = ANY (?) RETURNING id
                )
                SELECT id, sequence, topic, message_key, type, payload::text, headers::text, created_at
                  FROM outbox_events
                 WHERE published_at IS NULL AND NOT (id = ANY (?))
                 ORDER BY sequence
                 LIMIT ?
                """)) {
            var ids = connection.createArrayOf("uuid", acknowledged.toArray());
            select.setTimestamp(1, Timestamp.from(at));
            select.setArray(2, ids);
            select.setArray(3, ids);
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<PendingEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new PendingEvent(
                            rows.getObject(1, UUID.class),
                            rows.getLong(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6).getBytes(StandardCharsets.UTF_8),
                            headers(rows.getString(7)),
                            rows.getTimestamp(8).toInstant()));
                }
                return events;
            }
        }
    }

    void markPublished(Collection<UUID> ids, Instant at) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_events SET published_at = ? WHERE id = ANY (?)")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    /** Deletes at most {@code limit} rows published before {@code cutoff}; answers how many it deleted. */
    int deletePublishedBefore(Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM outbox_events
                 WHERE id IN (SELECT id FROM outbox_events
                               WHERE published_at IS NOT NULL AND published_at < ?
                               ORDER BY published_at
                               LIMIT ?)
                """)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }

    private static Map<String, String> headers(String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        EventJson.mapper().readTree(json).properties()
                .forEach(entry -> headers.put(entry.getKey(), entry.getValue().asString()));
        return headers;
    }
}
