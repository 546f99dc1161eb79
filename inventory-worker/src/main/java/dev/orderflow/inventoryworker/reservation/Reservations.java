package dev.orderflow.inventoryworker.reservation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reservations} table with its items (reserved orders) and shortages (rejected orders). */
@Repository
public class Reservations {

    /** Whether an order's items were taken from stock. */
    public enum Status {
        RESERVED, REJECTED
    }

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void addReserved(UUID orderId, String customerId, Map<String, Integer> items) {
        add(orderId, customerId, Status.RESERVED);
        items.forEach((sku, quantity) -> jdbc.sql(
                        "INSERT INTO reservation_items (order_id, sku, quantity) VALUES (?, ?, ?)")
                .params(orderId, sku, quantity).update());
    }

    void addRejected(UUID orderId, String customerId, List<Shortage> shortages) {
        add(orderId, customerId, Status.REJECTED);
        shortages.forEach(s -> jdbc.sql(
                        "INSERT INTO reservation_shortages (order_id, sku, requested, available) VALUES (?, ?, ?, ?)")
                .params(orderId, s.sku(), s.requested(), s.available()).update());
    }

    private void add(UUID orderId, String customerId, Status status) {
        jdbc.sql("INSERT INTO reservations (order_id, customer_id, status) VALUES (?, ?, ?)")
                .params(orderId, customerId, status.name()).update();
    }

    public Optional<Status> statusOf(UUID orderId) {
        return jdbc.sql("SELECT status FROM reservations WHERE order_id = ?").param(orderId)
                .query(String.class).optional().map(Status::valueOf);
    }

    public List<Shortage> shortagesOf(UUID orderId) {
        return jdbc.sql("SELECT sku, requested, available FROM reservation_shortages WHERE order_id = ? ORDER BY sku")
                .param(orderId).query(Shortage.class).list();
    }

    public long countFor(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM reservations WHERE order_id = ?").param(orderId)
                .query(Long.class).single();
    }
}
