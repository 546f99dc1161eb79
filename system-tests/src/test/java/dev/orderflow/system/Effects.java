package dev.orderflow.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what each service did, from its own database: the ground truth the fault tests compare with the
 * orders the API accepted. Each method counts rows for the given orders; a count above the number of orders
 * is a doubled effect, below it a lost one.
 */
final class Effects {

    /** Approved charges and refunds per order at the simulated gateway (charge key: the order id). */
    private static final String GATEWAY_MONEY = """
            SELECT c.idempotency_key::uuid,
                   count(*) FILTER (WHERE c.status = 'APPROVED'),
                   count(r.idempotency_key),
                   coalesce(sum(c.amount_minor) FILTER (WHERE c.status = 'APPROVED'), 0),
                   coalesce(sum(r.amount_minor), 0)
              FROM simulated_gateway_charges c
              LEFT JOIN simulated_gateway_refunds r ON r.charge_key = c.idempotency_key
             WHERE c.idempotency_key = ANY(?)
             GROUP BY c.idempotency_key
            """;

    private final SystemUnderTest system;

    Effects(SystemUnderTest system) {
        this.system = system;
    }

    long orders(Collection<UUID> ids) throws SQLException {
        return count("order-service", "SELECT count(*) FROM orders WHERE id = ANY(?)", ids);
    }

    long outboxUnpublished() throws SQLException {
        return count("order-service", "SELECT count(*) FROM outbox_events WHERE published_at IS NULL", null);
    }

    long processed(String worker, Collection<UUID> ids) throws SQLException {
        return count(worker, "SELECT count(*) FROM processed_orders WHERE order_id = ANY(?)", ids);
    }

    long payments(Collection<UUID> ids) throws SQLException {
        return count("payment-worker", "SELECT count(*) FROM payments WHERE order_id = ANY(?)", ids);
    }

    /** Charges the simulated gateway made for these orders: its key is the order id, one row per key. */
    long gatewayCharges(Collection<UUID> ids) throws SQLException {
        return count("payment-worker",
                "SELECT count(*) FROM simulated_gateway_charges WHERE idempotency_key = ANY(?::text[])", ids);
    }

    long reservations(Collection<UUID> ids) throws SQLException {
        return count("inventory-worker", "SELECT count(*) FROM reservations WHERE order_id = ANY(?)", ids);
    }

    /**
     * Units missing from the seeded SKUs' stock minus units held by reservations of them: 0 unless a reservation was
     * applied twice. Only the seeded SKUs, at their initial level: other scenarios set levels of SKUs of their own.
     */
    long stockDiscrepancy(long initialUnitsPerSku) throws SQLException {
        return stockDiscrepancy("SKU-", initialUnitsPerSku);
    }

    /** As {@link #stockDiscrepancy(long)}, for the SKUs named {@code <prefix>...}, all set to the given level. */
    long stockDiscrepancy(String skuPrefix, long initialUnitsPerSku) throws SQLException {
        try (Connection db = system.database("inventory-worker");
                PreparedStatement statement = db.prepareStatement("""
                        SELECT (SELECT coalesce(sum(? - available), 0) FROM stock WHERE sku LIKE ? || '%')
                             - (SELECT coalesce(sum(i.quantity), 0) FROM reservation_items i
                                  JOIN reservations r USING (order_id)
                                 WHERE r.status = 'RESERVED' AND i.sku LIKE ? || '%')
                        """)) {
            statement.setLong(1, initialUnitsPerSku);
            statement.setString(2, skuPrefix);
            statement.setString(3, skuPrefix);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    long emailsSent(Collection<UUID> ids) throws SQLException {
        return count("email-worker", "SELECT count(*) FROM sent_emails WHERE status = 'SENT' AND order_id = ANY(?)", ids);
    }

    long textsSent(Collection<UUID> ids) throws SQLException {
        return count("sms-worker", "SELECT count(*) FROM sent_messages WHERE order_id = ANY(?)", ids);
    }

    /** Texts the provider accepted (status SENT, not only logged or skipped). */
    long textsSentByProvider(Collection<UUID> ids) throws SQLException {
        return count("sms-worker", "SELECT count(*) FROM sent_messages WHERE status = 'SENT' AND order_id = ANY(?)", ids);
    }

    /** Orders counted in the daily figures, against orders the analytics worker marked processed: equal if once each. */
    long analyticsCountedMinusProcessed() throws SQLException {
        try (Connection db = system.database("analytics-worker");
                ResultSet rows = db.createStatement().executeQuery(
                        "SELECT (SELECT coalesce(sum(orders), 0) FROM daily_sales) - (SELECT count(*) FROM processed_orders)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What the payment provider holds for an order: its charges and refunds, counted and summed. */
    record Money(long charges, long refunds, long chargedMinor, long refundedMinor) {
        static final Money NONE = new Money(0, 0, 0, 0);

        long net() {
            return chargedMinor - refundedMinor;
        }
    }

    /** The simulated gateway's own records per order (its idempotency keys are derived from the order id). */
    Map<UUID, Money> gatewayMoney(Collection<UUID> ids) throws SQLException {
        Map<UUID, Money> money = new HashMap<>();
        try (Connection db = system.database("payment-worker");
                PreparedStatement statement = db.prepareStatement(GATEWAY_MONEY)) {
            statement.setArray(1, db.createArrayOf("text", ids.stream().map(UUID::toString).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    money.put(rows.getObject(1, UUID.class),
                            new Money(rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return money;
    }

    /** Orders still PENDING in order-service. */
    long pendingOrders(Collection<UUID> ids) throws SQLException {
        return count("order-service", "SELECT count(*) FROM orders WHERE status = 'PENDING' AND id = ANY(?)", ids);
    }

    /** Each order's outcome: {@code CONFIRMED}, or {@code CANCELLED:<reason>}. */
    Map<UUID, String> outcomes(Collection<UUID> ids) throws SQLException {
        Map<UUID, String> outcomes = new HashMap<>();
        try (Connection db = system.database("order-service");
                PreparedStatement statement = db.prepareStatement(
                        "SELECT id, status, cancellation_reason FROM orders WHERE id = ANY(?)")) {
            statement.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String reason = rows.getString(3);
                    outcomes.put(rows.getObject(1, UUID.class), rows.getString(2) + (reason == null ? "" : ":" + reason));
                }
            }
        }
        return outcomes;
    }

    private long count(String service, String sql, Collection<UUID> ids) throws SQLException {
        try (Connection db = system.database(service); PreparedStatement statement = db.prepareStatement(sql)) {
            if (ids != null) {
                statement.setArray(1, db.createArrayOf(sql.contains("text[]") ? "text" : "uuid",
                        ids.stream().map(id -> sql.contains("text[]") ? id.toString() : id).toArray()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
