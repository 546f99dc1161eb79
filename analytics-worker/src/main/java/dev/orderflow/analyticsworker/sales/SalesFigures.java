package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.OrderCreated;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sales counters ({@code daily_sales}, {@code region_sales}, {@code sku_sales}). Each counter is split over
 * {@link #SLOTS} rows chosen by the order id, so concurrent orders of one day and currency rarely wait for the same
 * row lock; reads add the slots up. Days are UTC days of the order's creation.
 */
@Repository
public class SalesFigures {

    /** Rows per counter; reads sum over all slots, so changing it needs no migration. */
    static final int SLOTS = 8;
    /** The region of orders that name none. */
    static final String NO_REGION = "UNSPECIFIED";

    private final JdbcClient jdbc;

    SalesFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Orders and gross revenue of one day in one currency. */
    public record DailySales(LocalDate day, String currency, long orders, long grossRevenueMinor) {
    }

    /** Orders and gross revenue of one region in one currency over a range of days. */
    public record RegionSales(String region, String currency, long orders, long grossRevenueMinor) {
    }

    /** Orders containing a SKU, units sold and their gross revenue in one currency over a range of days. */
    public record SkuSales(String sku, String currency, long orders, long units, long grossRevenueMinor) {
    }

    /**
     * Counts one order, in the caller's transaction, with one statement: the day's, the region's and each SKU's
     * counter. One statement, not one per counter, because the counters are all an order costs here, and during a
     * rebuild each round trip to PostgreSQL is paid a million times over (docs/benchmarks/analytics-rebuild.md).
     * PostgreSQL does not promise an order among a statement's data-modifying parts, but one statement runs them in
     * one order (today: the SKU rows, sorted, then the daily and the regional row), so every order still locks its rows
     * in the same order as every other, and two orders of one day, currency and slot queue instead of deadlocking.
     */
    void add(OrderCreated order) {
        LocalDate day = LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC);
        int slot = Math.floorMod(order.orderId().hashCode(), SLOTS);
        String region = order.region() == null || order.region().isBlank() ? NO_REGION : order.region();
        Map<String, long[]> lines = linesBySku(order);
        jdbc.sql("""
                        WITH daily AS (
                            INSERT INTO daily_sales (day, currency, slot, orders, gross_revenue_minor)
                            VALUES (:day, :currency, :slot, 1, :total)
                            ON CONFLICT (day, currency, slot) DO UPDATE
                                SET orders = daily_sales.orders + 1,
                                    gross_revenue_minor = daily_sales.gross_revenue_minor
                                        + EXCLUDED.gross_revenue_minor
                        ), regional AS (
                            INSERT INTO region_sales (day, region, currency, slot, orders, gross_revenue_minor)
                            VALUES (:day, :region, :currency, :slot, 1, :total)
                            ON CONFLICT (day, region, currency, slot) DO UPDATE
                                SET orders = region_sales.orders + 1,
                                    gross_revenue_minor = region_sales.gross_revenue_minor
                                        + EXCLUDED.gross_revenue_minor
                        )
                        INSERT INTO sku_sales (day, sku, currency, slot, orders, units, gross_revenue_minor)
                        SELECT :day, line.sku, :currency, :slot, 1, line.units, line.gross
                        FROM unnest(:skus::text[], :units::bigint[], :gross::bigint[]) AS line (sku, units, gross)
                        ON CONFLICT (day, sku, currency, slot) DO UPDATE
                            SET orders = sku_sales.orders + 1,
                                units = sku_sales.units + EXCLUDED.units,
                                gross_revenue_minor = sku_sales.gross_revenue_minor + EXCLUDED.gross_revenue_minor""")
                .param("day", day)
                .param("currency", order.currency())
                .param("region", region)
                .param("slot", slot)
                .param("total", order.totalMinor())
                .param("skus", lines.keySet().toArray(String[]::new))
                .param("units", lines.values().stream().map(line -> line[0]).toArray(Long[]::new))
                .param("gross", lines.values().stream().map(line -> line[1]).toArray(Long[]::new))
                .update();
    }

    /** Units and revenue per SKU, sorted by SKU; an order may name one SKU on several lines. */
    private static Map<String, long[]> linesBySku(OrderCreated order) {
        Map<String, long[]> bySku = new TreeMap<>();
        for (OrderCreated.Item item : order.items()) {
            long[] line = bySku.computeIfAbsent(item.sku(), sku -> new long[2]);
            line[0] += item.quantity();
            line[1] += item.quantity() * item.unitPriceMinor();
        }
        return bySku;
    }

    public List<DailySales> daily(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT day, currency, sum(orders) AS orders, sum(gross_revenue_minor) AS gross
                        FROM daily_sales WHERE day BETWEEN ? AND ?
                        GROUP BY day, currency ORDER BY day, currency""")
                .params(from, to)
                .query((rs, row) -> new DailySales(rs.getObject("day", LocalDate.class), rs.getString("currency"),
                        rs.getLong("orders"), rs.getLong("gross")))
                .list();
    }

    public List<RegionSales> regions(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT region, currency, sum(orders) AS orders, sum(gross_revenue_minor) AS gross
                        FROM region_sales WHERE day BETWEEN ? AND ?
                        GROUP BY region, currency ORDER BY region, currency""")
                .params(from, to)
                .query((rs, row) -> new RegionSales(rs.getString("region"), rs.getString("currency"),
                        rs.getLong("orders"), rs.getLong("gross")))
                .list();
    }

    public List<SkuSales> skus(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT sku, currency, sum(orders) AS orders, sum(units) AS units,
                               sum(gross_revenue_minor) AS gross
                        FROM sku_sales WHERE day BETWEEN ? AND ?
                        GROUP BY sku, currency ORDER BY gross DESC, sku, currency""")
                .params(from, to)
                .query((rs, row) -> new SkuSales(rs.getString("sku"), rs.getString("currency"), rs.getLong("orders"),
                        rs.getLong("units"), rs.getLong("gross")))
                .list();
    }
}
