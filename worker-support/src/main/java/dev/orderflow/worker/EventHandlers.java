package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The worker's handlers by event type, each with the ledger that deduplicates that type. */
class EventHandlers {

    /** A handler and its ledger. */
    record Binding(EventHandler<DomainEvent, Object> handler, Ledger ledger) {
    }

    private final Map<Class<?>, Binding> byType = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    EventHandlers(List<EventHandler<?, ?>> handlers, ProcessedOrders processedOrders) {
        for (EventHandler<?, ?> handler : handlers) {
            Binding binding = new Binding((EventHandler<DomainEvent, Object>) handler,
                    ledgerFor(handler.eventType(), processedOrders));
            if (byType.putIfAbsent(handler.eventType(), binding) != null) {
                throw new IllegalStateException("Two handlers for " + handler.eventType().getSimpleName()
                        + ": " + byType.get(handler.eventType()).handler().getClass().getName()
                        + " and " + handler.getClass().getName());
            }
        }
    }

    /**
     * OrderCreated is handled once per order. Events a worker sees several of per order (the lifecycle's
     * OrderCancelled, say) need a ledger keyed by event id or by order and type; add it here with that event.
     */
    private static Ledger ledgerFor(Class<?> eventType, ProcessedOrders processedOrders) {
        if (eventType == OrderCreated.class) {
            return processedOrders;
        }
        throw new IllegalStateException("No ledger for " + eventType.getSimpleName() + " yet");
    }

    Optional<Binding> forEvent(DomainEvent event) {
        return Optional.ofNullable(byType.get(event.getClass()));
    }

    /** The topics to subscribe to, each once. */
    List<String> topics() {
        return byType.values().stream().map(b -> b.handler().topic()).distinct().toList();
    }
}
