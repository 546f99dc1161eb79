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

        /** The handler as a {@link BatchEventHandler}, or null if it records one event at a time. */
        @SuppressWarnings("unchecked")
        BatchEventHandler<DomainEvent> batchHandler() {
            Object any = handler;
            return any instanceof BatchEventHandler<?> batch ? (BatchEventHandler<DomainEvent>) batch : null;
        }
    }

    private final Map<Class<?>, Binding> byType = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    EventHandlers(List<EventHandler<?, ?>> handlers, ProcessedOrders processedOrders,
            ProcessedEvents processedEvents) {
        for (EventHandler<?, ?> handler : handlers) {
            Binding binding = new Binding((EventHandler<DomainEvent, Object>) handler,
                    ledgerFor(handler.eventType(), processedOrders, processedEvents));
            if (byType.putIfAbsent(handler.eventType(), binding) != null) {
                throw new IllegalStateException("Two handlers for " + handler.eventType().getSimpleName()
                        + ": " + byType.get(handler.eventType()).handler().getClass().getName()
                        + " and " + handler.getClass().getName());
            }
        }
    }

    /**
     * OrderCreated is handled once per order ({@code processed_orders}); every other event once per order and type
     * ({@code processed_events}).
     */
    private static Ledger ledgerFor(Class<?> eventType, ProcessedOrders processedOrders,
            ProcessedEvents processedEvents) {
        return eventType == OrderCreated.class ? processedOrders : processedEvents;
    }

    /**
     * Whether this worker handles more than one event type, so that two events of one order (an OrderCreated and
     * its OrderCancelled, say) may be recorded at the same time by two lanes, consumers or instances.
     */
    boolean severalTypesPerOrder() {
        return byType.size() > 1;
    }

    /** Whether any handler records batches at once ({@link BatchEventHandler}). */
    boolean anyBatchHandler() {
        return byType.values().stream().anyMatch(b -> b.batchHandler() != null);
    }

    Optional<Binding> forEvent(DomainEvent event) {
        return Optional.ofNullable(byType.get(event.getClass()));
    }

    /** The topics to subscribe to, each once. */
    List<String> topics() {
        return byType.values().stream().map(b -> b.handler().topic()).distinct().toList();
    }
}
