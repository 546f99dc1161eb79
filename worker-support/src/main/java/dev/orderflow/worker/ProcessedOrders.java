package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code processed_orders} table: one row per order, for events a worker handles once per order. */
public class ProcessedOrders implements Ledger {

    private final JdbcClient jdbc;

    public ProcessedOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object keyOf(DomainEvent event) {
        return event.orderId();
    }

    @Override
    public boolean contains(DomainEvent event) {
        return outcomeOf(event.orderId()).isPresent();
    }

    @Override
    public Set<Object> handledAmong(Collection<DomainEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        // One array parameter, not an IN list of a placeholder per order: one statement text for every batch size.
        return new HashSet<>(jdbc.sql("SELECT order_id FROM processed_orders WHERE order_id = ANY (?::uuid[])")
                .param(ids(events, DomainEvent::orderId))
                .query(UUID.class)
                .list());
    }

    @Override
    public boolean claim(DomainEvent event, String outcome) {
        return jdbc.sql("""
                        INSERT INTO processed_orders (order_id, event_id, outcome) VALUES (?, ?, ?)
                        ON CONFLICT (order_id) DO NOTHING""")
                .params(event.orderId(), event.eventId(), outcome)
                .update() == 1;
    }

    @Override
    public Set<Object> claimAll(List<DomainEvent> events, List<String> outcomes) {
        if (events.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO processed_orders (order_id, event_id, outcome)
                        SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[]) ORDER BY 1
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING order_id""")
                .params(ids(events, DomainEvent::orderId), ids(events, DomainEvent::eventId),
                        outcomes.toArray(String[]::new))
                .query(UUID.class)
                .list());
    }

    /** UUIDs as text, for an {@code ::uuid[]} parameter (the driver has no UUID array of its own). */
    static String[] ids(Collection<DomainEvent> events, Function<DomainEvent, UUID> id) {
        return events.stream().map(event -> id.apply(event).toString()).toArray(String[]::new);
    }

    /** The stored outcome of an order, if this worker has processed it. */
    public Optional<String> outcomeOf(UUID orderId) {
        return jdbc.sql("SELECT outcome FROM processed_orders WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }
}
