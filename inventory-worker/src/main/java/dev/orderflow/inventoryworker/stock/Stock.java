package dev.orderflow.inventoryworker.stock;

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
