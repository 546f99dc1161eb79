package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventTypes;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code processed_events} table: one row per order and event type, for the events a worker sees besides
 * OrderCreated (a payment result, an OrderCancelled). Keyed by type rather than event id, so that the same fact
 * published twice under two ids still takes effect once.
 */
public class ProcessedEvents implements Ledger {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ledger key of an event: its order and its type's contract name. */
    record Key(UUID orderId, String eventType) {
    }

    @Override
    public Object keyOf(DomainEvent event) {
        return new Key(event.orderId(), typeOf(event));
    }

    @Override
    public boolean contains(DomainEvent event) {
        return outcomeOf(event.orderId(), typeOf(event)).isPresent();
    }

    @Override
    public Set<Object> handledAmong(Collection<DomainEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(
                        "SELECT order_id, event_type FROM processed_events WHERE order_id = ANY (?::uuid[])")
                .param(ProcessedOrders.ids(events, DomainEvent::orderId))
                .query((rs, row) -> new Key(rs.getObject(1, UUID.class), rs.getString(2)))
                .list());
    }

    @Override
    public boolean claim(DomainEvent event, String outcome) {
        return jdbc.sql("""
                        INSERT INTO processed_events (order_id, event_type, event_id, outcome) VALUES (?, ?, ?, ?)
                        ON CONFLICT (order_id, event_type) DO NOTHING""")
                .params(event.orderId(), typeOf(event), event.eventId(), outcome)
                .update() == 1;
    }

    @Override
    public Set<Object> claimAll(List<DomainEvent> events, List<String> outcomes) {
        if (events.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO processed_events (order_id, event_type, event_id, outcome)
                        SELECT * FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[]) ORDER BY 1, 2
                        ON CONFLICT (order_id, event_type) DO NOTHING
                        RETURNING order_id, event_type""")
                .params(ProcessedOrders.ids(events, DomainEvent::orderId),
                        events.stream().map(ProcessedEvents::typeOf).toArray(String[]::new),
                        ProcessedOrders.ids(events, DomainEvent::eventId), outcomes.toArray(String[]::new))
                .query((rs, row) -> new Key(rs.getObject(1, UUID.class), rs.getString(2)))
                .list());
    }

    /** The stored outcome of an order's event of this type (its contract name, e.g. {@code OrderCancelled}). */
    public Optional<String> outcomeOf(UUID orderId, String eventType) {
        return jdbc.sql("SELECT outcome FROM processed_events WHERE order_id = ? AND event_type = ?")
                .params(orderId, eventType)
                .query(String.class)
                .optional();
    }

    private static String typeOf(DomainEvent event) {
        return EventTypes.of(event.getClass()).name();
    }
}
