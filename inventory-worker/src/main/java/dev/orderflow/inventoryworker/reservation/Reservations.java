package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.StockItem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reservations} table with its items (reserved, later perhaps released, orders) and shortages (rejected
 * orders).
 */
@Repository
public class Reservations {

    /**
     * What became of an order's items: taken from stock, refused for a shortage, given back because the order was
     * cancelled, or never taken because it was cancelled before this worker saw it.
     */
    public enum Status {
        RESERVED, REJECTED, RELEASED, SKIPPED
    }

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The reservation and its items in one statement (see {@code Stock.take}: one round trip, not one per item). */
    void addReserved(UUID orderId, String customerId, Map<String, Integer> items) {
        jdbc.sql("""
                        WITH reservation AS (
                            INSERT INTO reservations (order_id, customer_id, status) VALUES (?, ?, 'RESERVED')
                            RETURNING order_id
                        )
                        INSERT INTO reservation_items (order_id, sku, quantity)
                        SELECT reservation.order_id, item.sku, item.quantity
                        FROM reservation, unnest(?::text[], ?::int[]) AS item (sku, quantity)""")
                .params(orderId, customerId, items.keySet().toArray(String[]::new),
                        items.values().toArray(Integer[]::new))
                .update();
    }

    void addRejected(UUID orderId, String customerId, List<Shortage> shortages) {
        add(orderId, customerId, Status.REJECTED);
        shortages.forEach(s -> jdbc.sql(
                        "INSERT INTO reservation_shortages (order_id, sku, requested, available) VALUES (?, ?, ?, ?)")
                .params(orderId, s.sku(), s.requested(), s.available()).update());
    }

    void addSkipped(UUID orderId, String customerId) {
        add(orderId, customerId, Status.SKIPPED);
    }

    /** Marks a reserved order's reservation released; false if it is not (or no longer) reserved. */
    boolean markReleased(UUID orderId, Instant releasedAt) {
        return jdbc.sql("UPDATE reservations SET status = 'RELEASED', released_at = ? WHERE order_id = ? "
                        + "AND status = 'RESERVED'")
                .params(Timestamp.from(releasedAt), orderId)
                .update() == 1;
    }

    private void add(UUID orderId, String customerId, Status status) {
        jdbc.sql("INSERT INTO reservations (order_id, customer_id, status) VALUES (?, ?, ?)")
                .params(orderId, customerId, status.name()).update();
    }

    public Optional<Status> statusOf(UUID orderId) {
        return jdbc.sql("SELECT status FROM reservations WHERE order_id = ?").param(orderId)
                .query(String.class).optional().map(Status::valueOf);
    }

    /** The items taken for an order (kept after a release, as what was given back), in SKU order. */
    public List<StockItem> itemsOf(UUID orderId) {
        return jdbc.sql("SELECT sku, quantity FROM reservation_items WHERE order_id = ? ORDER BY sku")
                .param(orderId).query(StockItem.class).list();
    }

    public List<Shortage> shortagesOf(UUID orderId) {
        return jdbc.sql("SELECT sku, requested, available FROM reservation_shortages WHERE order_id = ? ORDER BY sku")
                .param(orderId).query(Shortage.class).list();
    }

    public Optional<Instant> releasedAt(UUID orderId) {
        return jdbc.sql("SELECT released_at FROM reservations WHERE order_id = ? AND released_at IS NOT NULL")
                .param(orderId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    public long countFor(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM reservations WHERE order_id = ?").param(orderId)
                .query(Long.class).single();
    }
}
