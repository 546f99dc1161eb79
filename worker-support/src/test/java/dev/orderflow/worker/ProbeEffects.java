package dev.orderflow.worker;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the probe worker's effects back. */
record ProbeEffects(JdbcClient jdbc) {

    long of(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM probe_effects WHERE order_id = ?").param(orderId)
                .query(Long.class).single();
    }

    long ofCustomerPrefix(String prefix) {
        return jdbc.sql("SELECT count(*) FROM probe_effects WHERE customer_id LIKE ?").param(prefix + "%")
                .query(Long.class).single();
    }

    long distinctOrdersOfCustomerPrefix(String prefix) {
        return jdbc.sql("SELECT count(DISTINCT order_id) FROM probe_effects WHERE customer_id LIKE ?")
                .param(prefix + "%").query(Long.class).single();
    }

    /** Sequence numbers of one customer's effects in the order they were stored. */
    List<Integer> sequencesOf(String customerId) {
        return jdbc.sql("SELECT sequence FROM probe_effects WHERE customer_id = ? ORDER BY id").param(customerId)
                .query(Integer.class).list();
    }
}
