package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.SagaEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The order lifecycle's counters ({@code daily_outcomes}, {@code daily_payments}): confirmed and cancelled orders per
 * day, and charged and refunded amounts per day and currency. Slotted like {@link SalesFigures}; days are UTC days of
 * the event's {@code occurredAt}. An order confirmed and later cancelled by its customer counts on both days.
 */
@Repository
public class OutcomeFigures {

    private static final String CONFIRMED = "CONFIRMED";
    private static final String CANCELLED = "CANCELLED";

    private final JdbcClient jdbc;

    OutcomeFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One day's outcomes, and its money per currency. */
    public record DailyOutcomes(LocalDate day, long confirmed, long cancelled,
            Map<OrderCancelled.Reason, Long> cancelledByReason, List<Revenue> revenue) {
    }

    /** Charged and refunded amounts of one day in one currency; net revenue is the charges less the refunds. */
    public record Revenue(String currency, long chargedMinor, long refundedMinor, long netRevenueMinor) {
    }

    void confirmed(List<OrderConfirmed> confirmations) {
        countOrders(confirmations, CONFIRMED, confirmation -> "");
    }

    void cancelled(List<OrderCancelled> cancellations) {
        countOrders(cancellations, CANCELLED, cancellation -> cancellation.reason().name());
    }

    void charged(List<PaymentSucceeded> payments) {
        addMoney(payments, PaymentSucceeded::currency, payment -> new long[] {payment.amountMinor(), 0});
    }

    void refunded(List<PaymentRefunded> refunds) {
        addMoney(refunds, PaymentRefunded::currency, refund -> new long[] {0, refund.amountMinor()});
    }

    /**
     * Counts a batch of one status's events: added up per counter row in memory, then one upsert for the batch, its
     * rows in key order (as {@link SalesFigures#addAll}, so two batches queue on shared rows, never deadlock).
     */
    private <E extends SagaEvent> void countOrders(List<E> events, String status, Function<E, String> reasonOf) {
        Map<Outcome, long[]> counted = new HashMap<>();
        for (E event : events) {
            SalesFigures.add(counted.computeIfAbsent(new Outcome(dayOf(event), reasonOf.apply(event), slotOf(event)),
                    key -> new long[1]), 1);
        }
        Map<Outcome, long[]> rows = SalesFigures.inKeyOrder(counted, Outcome.ORDER);
        jdbc.sql("""
                        INSERT INTO daily_outcomes (day, status, reason, slot, orders)
                        SELECT row.day, :status, row.reason, row.slot, row.orders
                        FROM unnest(:days::date[], :reasons::text[], :slots::int[], :orders::bigint[])
                            AS row (day, reason, slot, orders)
                        ON CONFLICT (day, status, reason, slot) DO UPDATE
                            SET orders = daily_outcomes.orders + EXCLUDED.orders""")
                .param("status", status)
                .param("days", SalesFigures.column(rows.keySet(), key -> key.day().toString(), String[]::new))
                .param("reasons", SalesFigures.column(rows.keySet(), Outcome::reason, String[]::new))
                .param("slots", SalesFigures.column(rows.keySet(), Outcome::slot, Integer[]::new))
                .param("orders", SalesFigures.column(rows.values(), counts -> counts[0], Long[]::new))
                .update();
    }

    /** Adds a batch's charged and refunded amounts ({@code amountsOf}: the two) per day, currency and slot. */
    private <E extends SagaEvent> void addMoney(List<E> events, Function<E, String> currencyOf,
            Function<E, long[]> amountsOf) {
        Map<Money, long[]> added = new HashMap<>();
        for (E event : events) {
            SalesFigures.add(added.computeIfAbsent(new Money(dayOf(event), currencyOf.apply(event), slotOf(event)),
                    key -> new long[2]), amountsOf.apply(event));
        }
        Map<Money, long[]> rows = SalesFigures.inKeyOrder(added, Money.ORDER);
        jdbc.sql("""
                        INSERT INTO daily_payments (day, currency, slot, charged_minor, refunded_minor)
                        SELECT * FROM unnest(:days::date[], :currencies::text[], :slots::int[], :charged::bigint[],
                                             :refunded::bigint[])
                        ON CONFLICT (day, currency, slot) DO UPDATE
                            SET charged_minor = daily_payments.charged_minor + EXCLUDED.charged_minor,
                                refunded_minor = daily_payments.refunded_minor + EXCLUDED.refunded_minor""")
                .param("days", SalesFigures.column(rows.keySet(), key -> key.day().toString(), String[]::new))
                .param("currencies", SalesFigures.column(rows.keySet(), Money::currency, String[]::new))
                .param("slots", SalesFigures.column(rows.keySet(), Money::slot, Integer[]::new))
                .param("charged", SalesFigures.column(rows.values(), amounts -> amounts[0], Long[]::new))
                .param("refunded", SalesFigures.column(rows.values(), amounts -> amounts[1], Long[]::new))
                .update();
    }

    /** A row of {@code daily_outcomes} for one status, in key order. */
    private record Outcome(LocalDate day, String reason, int slot) {
        static final Comparator<Outcome> ORDER = Comparator.comparing(Outcome::day).thenComparing(Outcome::reason)
                .thenComparingInt(Outcome::slot);
    }

    /** A row of {@code daily_payments}, in key order. */
    private record Money(LocalDate day, String currency, int slot) {
        static final Comparator<Money> ORDER = Comparator.comparing(Money::day).thenComparing(Money::currency)
                .thenComparingInt(Money::slot);
    }

    private static LocalDate dayOf(SagaEvent event) {
        return LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    }

    private static int slotOf(SagaEvent event) {
        return Math.floorMod(event.orderId().hashCode(), SalesFigures.SLOTS);
    }

    /** Every day from {@code from} to {@code to} (inclusive) with an outcome or a payment, by day. */
    public List<DailyOutcomes> daily(LocalDate from, LocalDate to) {
        Map<LocalDate, Day> days = new TreeMap<>();
        jdbc.sql("""
                        SELECT day, status, reason, sum(orders) AS orders FROM daily_outcomes
                        WHERE day BETWEEN ? AND ? GROUP BY day, status, reason""")
                .params(from, to)
                .query(rs -> {
                    Day day = days.computeIfAbsent(rs.getObject("day", LocalDate.class), d -> new Day());
                    if (CONFIRMED.equals(rs.getString("status"))) {
                        day.confirmed += rs.getLong("orders");
                    } else {
                        day.cancelled.merge(OrderCancelled.Reason.valueOf(rs.getString("reason")),
                                rs.getLong("orders"), Long::sum);
                    }
                });
        jdbc.sql("""
                        SELECT day, currency, sum(charged_minor) AS charged, sum(refunded_minor) AS refunded
                        FROM daily_payments WHERE day BETWEEN ? AND ? GROUP BY day, currency ORDER BY day, currency""")
                .params(from, to)
                .query(rs -> {
                    long charged = rs.getLong("charged");
                    long refunded = rs.getLong("refunded");
                    days.computeIfAbsent(rs.getObject("day", LocalDate.class), d -> new Day()).revenue
                            .add(new Revenue(rs.getString("currency"), charged, refunded, charged - refunded));
                });
        return days.entrySet().stream().map(entry -> entry.getValue().toOutcomes(entry.getKey())).toList();
    }

    /** A day's figures while they are read. */
    private static final class Day {

        long confirmed;
        final Map<OrderCancelled.Reason, Long> cancelled = new EnumMap<>(OrderCancelled.Reason.class);
        final List<Revenue> revenue = new ArrayList<>();

        DailyOutcomes toOutcomes(LocalDate day) {
            // Every reason, zero included, so a reader finds the same keys every day.
            Map<OrderCancelled.Reason, Long> byReason = new EnumMap<>(OrderCancelled.Reason.class);
            for (OrderCancelled.Reason reason : OrderCancelled.Reason.values()) {
                byReason.put(reason, cancelled.getOrDefault(reason, 0L));
            }
            long total = byReason.values().stream().mapToLong(Long::longValue).sum();
            return new DailyOutcomes(day, confirmed, total, byReason, List.copyOf(revenue));
        }
    }
}
