package dev.orderflow.inventoryworker.stock;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code stock} table. */
@Repository
public class Stock {

    private final JdbcClient jdbc;

    Stock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StockLevel> find(String sku) {
        return jdbc.sql("SELECT sku, available FROM stock WHERE sku = ?").param(sku)
                .query(StockLevel.class).optional();
    }

    /** Sets (or creates) a SKU's level. */
    public StockLevel set(String sku, int available) {
        jdbc.sql("""
                        INSERT INTO stock (sku, available) VALUES (?, ?)
                        ON CONFLICT (sku) DO UPDATE SET available = excluded.available, updated_at = now()""")
                .params(sku, available)
                .update();
        return new StockLevel(sku, available);
    }

    /**
     * Takes the wanted units of every SKU, or of none if any SKU has too few units or no row at all, and returns the
     * levels it found before taking (an unknown SKU is absent), so the caller can tell what was short. It locks the
     * rows in SKU order and keeps them locked until the transaction ends, so two reservations that share SKUs queue
     * up instead of deadlocking, and a reservation never sees a level another one is about to change.
     *
     * <p>One statement, not a lock, a check and a take: it runs on the group committer's one thread, where every
     * round trip is paid by every order after it. {@code found} locks the rows (a row another transaction changed
     * meanwhile is read as committed); {@code taken} subtracts only if every wanted SKU was found with enough units,
     * a condition PostgreSQL evaluates once, after locking and before changing any row.
     */
    public List<StockLevel> takeAllOrNone(Map<String, Integer> wanted) {
        return jdbc.sql("""
                        WITH wanted (sku, quantity) AS (SELECT * FROM unnest(CAST(:skus AS text[]), CAST(:quantities AS int[]))),
                        found AS (
                            SELECT stock.sku, stock.available, wanted.quantity
                            FROM stock JOIN wanted ON wanted.sku = stock.sku
                            ORDER BY stock.sku
                            FOR UPDATE OF stock
                        ),
                        taken AS (
                            UPDATE stock SET available = stock.available - found.quantity, updated_at = now()
                            FROM found
                            WHERE stock.sku = found.sku
                              AND (SELECT count(*) FILTER (WHERE available >= quantity) FROM found) = :wantedSkus
                        )
                        SELECT sku, available FROM found ORDER BY sku""")
                .param("skus", wanted.keySet().toArray(String[]::new))
                .param("quantities", wanted.values().toArray(Integer[]::new))
                .param("wantedSkus", wanted.size())
                .query(StockLevel.class)
                .list();
    }

    /**
     * Gives units of a SKU back, in one atomic UPDATE (it adds to whatever the row holds when it commits, so a
     * reservation or a level set meanwhile is never overwritten). Callers give back several SKUs in SKU order, as
     * reservations lock them, so the two never deadlock.
     */
    public void giveBack(String sku, int quantity) {
        int updated = jdbc.sql("UPDATE stock SET available = available + ?, updated_at = now() WHERE sku = ?")
                .params(quantity, sku)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("No stock row for SKU " + sku + " to give " + quantity + " back to");
        }
    }
}
