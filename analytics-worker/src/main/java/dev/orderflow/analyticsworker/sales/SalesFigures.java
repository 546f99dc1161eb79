package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.OrderCreated;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
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
     * Counts a batch of orders, in the caller's transaction, with one statement: the orders are added up in memory
     * per counter row first, then each row of the day's, the region's and each SKU's counters is upserted once. One
     * statement for the batch, not one per order, because the counters are all an order costs here, and during a
     * rebuild each round trip to PostgreSQL is paid for every batch (docs/benchmarks/analytics-rebuild.md). The rows of
     * each table go in key order, and one statement runs its parts in one order (today: the SKU rows, then the daily
     * and the regional rows), so two batches that share rows queue on them instead of deadlocking.
     *
     * @throws ArithmeticException if a counter would overflow: that order cannot be counted
     */
    void addAll(List<OrderCreated> orders) {
        Map<Daily, long[]> dailyRows = new HashMap<>();
        Map<Regional, long[]> regionalRows = new HashMap<>();
        Map<BySku, long[]> skuRows = new HashMap<>();
        for (OrderCreated order : orders) {
            LocalDate day = LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC);
            int slot = Math.floorMod(order.orderId().hashCode(), SLOTS);
            String region = order.region() == null || order.region().isBlank() ? NO_REGION : order.region();
            add(dailyRows.computeIfAbsent(new Daily(day, order.currency(), slot), key -> new long[2]),
                    1, order.totalMinor());
            add(regionalRows.computeIfAbsent(new Regional(day, region, order.currency(), slot), key -> new long[2]),
                    1, order.totalMinor());
            linesBySku(order).forEach((sku, line) -> add(skuRows.computeIfAbsent(
                    new BySku(day, sku, order.currency(), slot), key -> new long[3]), 1, line[0], line[1]));
        }
        // Sorted once per batch, not kept sorted per order: the comparisons were a twentieth of a rebuild's CPU.
        Map<Daily, long[]> daily = inKeyOrder(dailyRows, Daily.ORDER);
        Map<Regional, long[]> regional = inKeyOrder(regionalRows, Regional.ORDER);
        Map<BySku, long[]> bySku = inKeyOrder(skuRows, BySku.ORDER);
        jdbc.sql("""
                        WITH daily AS (
                            INSERT INTO daily_sales (day, currency, slot, orders, gross_revenue_minor)
                            SELECT * FROM unnest(:dailyDays::date[], :dailyCurrencies::text[], :dailySlots::int[],
                                                 :dailyOrders::bigint[], :dailyGross::bigint[])
                            ON CONFLICT (day, currency, slot) DO UPDATE
                                SET orders = daily_sales.orders + EXCLUDED.orders,
                                    gross_revenue_minor = daily_sales.gross_revenue_minor
                                        + EXCLUDED.gross_revenue_minor
                        ), regional AS (
                            INSERT INTO region_sales (day, region, currency, slot, orders, gross_revenue_minor)
                            SELECT * FROM unnest(:regionDays::date[], :regions::text[], :regionCurrencies::text[],
                                                 :regionSlots::int[], :regionOrders::bigint[], :regionGross::bigint[])
                            ON CONFLICT (day, region, currency, slot) DO UPDATE
                                SET orders = region_sales.orders + EXCLUDED.orders,
                                    gross_revenue_minor = region_sales.gross_revenue_minor
                                        + EXCLUDED.gross_revenue_minor
                        )
                        INSERT INTO sku_sales (day, sku, currency, slot, orders, units, gross_revenue_minor)
                        SELECT * FROM unnest(:skuDays::date[], :skus::text[], :skuCurrencies::text[],
                                             :skuSlots::int[], :skuOrders::bigint[], :skuUnits::bigint[],
                                             :skuGross::bigint[])
                        ON CONFLICT (day, sku, currency, slot) DO UPDATE
                            SET orders = sku_sales.orders + EXCLUDED.orders,
                                units = sku_sales.units + EXCLUDED.units,
                                gross_revenue_minor = sku_sales.gross_revenue_minor + EXCLUDED.gross_revenue_minor""")
                .param("dailyDays", column(daily.keySet(), key -> key.day().toString(), String[]::new))
                .param("dailyCurrencies", column(daily.keySet(), Daily::currency, String[]::new))
                .param("dailySlots", column(daily.keySet(), Daily::slot, Integer[]::new))
                .param("dailyOrders", column(daily.values(), counts -> counts[0], Long[]::new))
                .param("dailyGross", column(daily.values(), counts -> counts[1], Long[]::new))
                .param("regionDays", column(regional.keySet(), key -> key.day().toString(), String[]::new))
                .param("regions", column(regional.keySet(), Regional::region, String[]::new))
                .param("regionCurrencies", column(regional.keySet(), Regional::currency, String[]::new))
                .param("regionSlots", column(regional.keySet(), Regional::slot, Integer[]::new))
                .param("regionOrders", column(regional.values(), counts -> counts[0], Long[]::new))
                .param("regionGross", column(regional.values(), counts -> counts[1], Long[]::new))
                .param("skuDays", column(bySku.keySet(), key -> key.day().toString(), String[]::new))
                .param("skus", column(bySku.keySet(), BySku::sku, String[]::new))
                .param("skuCurrencies", column(bySku.keySet(), BySku::currency, String[]::new))
                .param("skuSlots", column(bySku.keySet(), BySku::slot, Integer[]::new))
                .param("skuOrders", column(bySku.values(), counts -> counts[0], Long[]::new))
                .param("skuUnits", column(bySku.values(), counts -> counts[1], Long[]::new))
                .param("skuGross", column(bySku.values(), counts -> counts[2], Long[]::new))
                .update();
    }

    /** The counter rows of a batch, by primary key and in its order. */
    private record Daily(LocalDate day, String currency, int slot) {
        static final Comparator<Daily> ORDER = Comparator.comparing(Daily::day).thenComparing(Daily::currency)
                .thenComparingInt(Daily::slot);
    }

    private record Regional(LocalDate day, String region, String currency, int slot) {
        static final Comparator<Regional> ORDER = Comparator.comparing(Regional::day)
                .thenComparing(Regional::region).thenComparing(Regional::currency).thenComparingInt(Regional::slot);
    }

    private record BySku(LocalDate day, String sku, String currency, int slot) {
        static final Comparator<BySku> ORDER = Comparator.comparing(BySku::day).thenComparing(BySku::sku)
                .thenComparing(BySku::currency).thenComparingInt(BySku::slot);
    }

    /** Adds to a row's counters; an overflow fails the batch (and then the order alone) instead of wrapping. */
    static void add(long[] counters, long... amounts) {
        for (int i = 0; i < amounts.length; i++) {
            counters[i] = Math.addExact(counters[i], amounts[i]);
        }
    }

    /** The rows in key order, the order in which a batch's statement takes their locks. */
    static <K> Map<K, long[]> inKeyOrder(Map<K, long[]> rows, Comparator<K> order) {
        Map<K, long[]> sorted = new TreeMap<>(order);
        sorted.putAll(rows);
        return sorted;
    }

    /** One column of a batch's rows, as an array parameter for {@code unnest}. */
    static <T, C> C[] column(Collection<T> rows, Function<T, C> value, IntFunction<C[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    /** Units and revenue per SKU, sorted by SKU; an order may name one SKU on several lines. */
    private static Map<String, long[]> linesBySku(OrderCreated order) {
        Map<String, long[]> bySku = new TreeMap<>();
        for (OrderCreated.Item item : order.items()) {
            long[] line = bySku.computeIfAbsent(item.sku(), sku -> new long[2]);
            add(line, item.quantity(), Math.multiplyExact(item.quantity(), item.unitPriceMinor()));
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
