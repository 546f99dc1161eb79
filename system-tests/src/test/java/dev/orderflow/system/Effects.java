package dev.orderflow.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Reads what each service did, from its own database: the ground truth the fault tests compare with the
 * orders the API accepted. Each method counts rows for the given orders; a count above the number of orders
 * is a doubled effect, below it a lost one.
 */
final class Effects {

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

    /** Units missing from stock minus units held by reservations: 0 unless a reservation was applied twice. */
    long stockDiscrepancy(long initialUnitsPerSku) throws SQLException {
        try (Connection db = system.database("inventory-worker");
                PreparedStatement statement = db.prepareStatement("""
                        SELECT (SELECT sum(? - available) FROM stock)
                             - (SELECT coalesce(sum(i.quantity), 0) FROM reservation_items i
                                  JOIN reservations r USING (order_id) WHERE r.status = 'RESERVED')
                        """)) {
            statement.setLong(1, initialUnitsPerSku);
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

    /** Orders counted in the daily figures, against orders the analytics worker marked processed: equal if once each. */
    long analyticsCountedMinusProcessed() throws SQLException {
        try (Connection db = system.database("analytics-worker");
                ResultSet rows = db.createStatement().executeQuery(
                        "SELECT (SELECT coalesce(sum(orders), 0) FROM daily_sales) - (SELECT count(*) FROM processed_orders)")) {
            rows.next();
            return rows.getLong(1);
        }
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
