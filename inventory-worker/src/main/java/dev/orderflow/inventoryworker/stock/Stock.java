package dev.orderflow.inventoryworker.stock;

import java.util.Collection;
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
     * Locks the rows of these SKUs until the transaction ends, always in SKU order, so two reservations that share
     * SKUs queue up instead of deadlocking; unknown SKUs are simply absent.
     */
    public List<StockLevel> lockInSkuOrder(Collection<String> skus) {
        return jdbc.sql("SELECT sku, available FROM stock WHERE sku IN (:skus) ORDER BY sku FOR UPDATE")
                .param("skus", skus)
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

    /**
     * Takes units of SKUs whose rows the current transaction has locked, all in one statement: it runs on the group
     * committer's one thread, where every round trip is paid by every order after it.
     */
    public void take(Map<String, Integer> quantities) {
        jdbc.sql("""
                        UPDATE stock SET available = available - taken.quantity, updated_at = now()
                        FROM unnest(?::text[], ?::int[]) AS taken (sku, quantity)
                        WHERE stock.sku = taken.sku""")
                .params(quantities.keySet().toArray(String[]::new), quantities.values().toArray(Integer[]::new))
                .update();
    }
}
