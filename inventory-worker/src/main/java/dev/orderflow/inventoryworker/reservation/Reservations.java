package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.StockItem;
import dev.orderflow.inventoryworker.stock.StockLevel;
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

    /**
     * Reserves the wanted units of every SKU for an order, or nothing if any SKU has too few units or no row at all,
     * and returns the stock levels it found before taking (an unknown SKU is absent), so the caller can tell what
     * was short. When it reserves, the stock is taken and the order's reservation and its items are recorded.
     *
     * <p>The order's stock rows are locked in SKU order until the transaction ends, so two reservations that share
     * SKUs queue up instead of deadlocking (a release gives SKUs back in the same order), and none of them decides
     * on a level another is about to change: {@code found} reads each row as last committed once it holds its lock.
     * The take and the records happen only if {@code enough} holds, which PostgreSQL can only know once every row is
     * locked and read.
     *
     * <p>One statement, not a lock, a check, a take and an insert: it runs on the group committer's one thread, where
     * every round trip is paid by every order after it (docs/benchmarks/worker-throughput.md).
     */
    List<StockLevel> reserveAllOrNone(UUID orderId, String customerId, Map<String, Integer> wanted) {
        return jdbc.sql("""
                        WITH wanted (sku, quantity) AS (
                            SELECT * FROM unnest(CAST(:skus AS text[]), CAST(:quantities AS int[]))
                        ),
                        found AS (
                            SELECT stock.sku, stock.available, wanted.quantity
                            FROM stock JOIN wanted ON wanted.sku = stock.sku
                            ORDER BY stock.sku
                            FOR UPDATE OF stock
                        ),
                        enough AS (
                            SELECT count(*) FILTER (WHERE available >= quantity) = :wantedSkus AS for_every_sku
                            FROM found
                        ),
                        taken AS (
                            UPDATE stock SET available = stock.available - found.quantity, updated_at = now()
                            FROM found, enough
                            WHERE stock.sku = found.sku AND enough.for_every_sku
                        ),
                        reservation AS (
                            INSERT INTO reservations (order_id, customer_id, status)
                            SELECT :orderId, :customerId, 'RESERVED' FROM enough WHERE enough.for_every_sku
                            RETURNING order_id
                        ),
                        items AS (
                            INSERT INTO reservation_items (order_id, sku, quantity)
                            SELECT reservation.order_id, wanted.sku, wanted.quantity FROM reservation, wanted
                        )
                        SELECT sku, available FROM found ORDER BY sku""")
                .param("skus", wanted.keySet().toArray(String[]::new))
                .param("quantities", wanted.values().toArray(Integer[]::new))
                .param("wantedSkus", wanted.size())
                .param("orderId", orderId)
                .param("customerId", customerId)
                .query(StockLevel.class)
                .list();
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
