package dev.orderflow.paymentworker.payment;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payments} table: one row per charged (or declined) order. */
@Repository
public class Payments {

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Payment payment) {
        jdbc.sql("""
                        INSERT INTO payments (order_id, customer_id, amount_minor, currency, status,
                                              gateway_reference, decline_reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(payment.orderId(), payment.customerId(), payment.amountMinor(), payment.currency(),
                        payment.status().name(), payment.gatewayReference(), payment.declineReason())
                .update();
    }

    public Optional<Payment> find(UUID orderId) {
        return jdbc.sql("""
                        SELECT order_id, customer_id, amount_minor, currency, status, gateway_reference, decline_reason
                        FROM payments WHERE order_id = ?""")
                .param(orderId)
                .query((rs, row) -> new Payment(rs.getObject("order_id", UUID.class), rs.getString("customer_id"),
                        rs.getLong("amount_minor"), rs.getString("currency"),
                        Payment.Status.valueOf(rs.getString("status")), rs.getString("gateway_reference"),
                        rs.getString("decline_reason")))
                .optional();
    }

    public long countFor(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payments WHERE order_id = ?").param(orderId).query(Long.class).single();
    }
}
