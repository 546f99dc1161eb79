package dev.orderflow.paymentworker.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payments} table: one row per charged (declined, or skipped) order, with its refund if any. */
@Repository
public class Payments {

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Payment payment) {
        jdbc.sql("""
                        INSERT INTO payments (order_id, payment_id, customer_id, amount_minor, currency, status,
                                              gateway_reference, decline_reason, refund_reference, refunded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(payment.orderId(), payment.paymentId(), payment.customerId(), payment.amountMinor(),
                        payment.currency(), payment.status().name(), payment.gatewayReference(),
                        payment.declineReason(), payment.refundReference(), timestamp(payment.refundedAt()))
                .update();
    }

    /** Records the refund of a successful charge that was not refunded yet; false if there is no such charge. */
    boolean markRefunded(UUID orderId, String refundReference, Instant refundedAt) {
        return jdbc.sql("""
                        UPDATE payments SET refund_reference = ?, refunded_at = ?
                        WHERE order_id = ? AND status = 'SUCCEEDED' AND refunded_at IS NULL""")
                .params(refundReference, timestamp(refundedAt), orderId)
                .update() == 1;
    }

    public Optional<Payment> find(UUID orderId) {
        return jdbc.sql("""
                        SELECT order_id, payment_id, customer_id, amount_minor, currency, status, gateway_reference,
                               decline_reason, refund_reference, refunded_at
                        FROM payments WHERE order_id = ?""")
                .param(orderId)
                .query(Payments::payment)
                .optional();
    }

    public long countFor(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payments WHERE order_id = ?").param(orderId).query(Long.class).single();
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        Timestamp refundedAt = rs.getTimestamp("refunded_at");
        return new Payment(rs.getObject("order_id", UUID.class), rs.getObject("payment_id", UUID.class),
                rs.getString("customer_id"), rs.getLong("amount_minor"), rs.getString("currency"),
                Payment.Status.valueOf(rs.getString("status")), rs.getString("gateway_reference"),
                rs.getString("decline_reason"), rs.getString("refund_reference"),
                refundedAt == null ? null : refundedAt.toInstant());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
