package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code processed_orders} table: one row per order, for events a worker handles once per order. */
public class ProcessedOrders implements Ledger {

    /** Stands for the outcome between the claim and the worker's record, inside one transaction only. */
    private static final String CLAIMED = "CLAIMED";

    private final JdbcClient jdbc;

    public ProcessedOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean contains(DomainEvent event) {
        return outcomeOf(event.orderId()).isPresent();
    }

    @Override
    public boolean claim(DomainEvent event) {
        return jdbc.sql("""
                        INSERT INTO processed_orders (order_id, event_id, outcome) VALUES (?, ?, ?)
                        ON CONFLICT (order_id) DO NOTHING""")
                .params(event.orderId(), event.eventId(), CLAIMED)
                .update() == 1;
    }

    @Override
    public void complete(DomainEvent event, String outcome) {
        jdbc.sql("UPDATE processed_orders SET outcome = ? WHERE order_id = ?")
                .params(outcome, event.orderId())
                .update();
    }

    /** The stored outcome of an order, if this worker has processed it. */
    public Optional<String> outcomeOf(UUID orderId) {
        return jdbc.sql("SELECT outcome FROM processed_orders WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }
}
