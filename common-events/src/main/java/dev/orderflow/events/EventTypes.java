package dev.orderflow.events;

import java.util.List;
import java.util.Optional;

/**
 * Every event type and version this release reads and writes. A breaking change adds a version here;
 * consumers keep reading the old one until producers have migrated.
 */
public final class EventTypes {

    private static final List<EventType> KNOWN = List.of(
            new EventType(OrderCreated.TYPE, OrderCreated.VERSION, OrderCreated.class),
            new EventType(PaymentSucceeded.TYPE, 1, PaymentSucceeded.class),
            new EventType(PaymentDeclined.TYPE, 1, PaymentDeclined.class),
            new EventType(PaymentRefunded.TYPE, 1, PaymentRefunded.class),
            new EventType(StockReserved.TYPE, 1, StockReserved.class),
            new EventType(StockRejected.TYPE, 1, StockRejected.class),
            new EventType(StockReleased.TYPE, 1, StockReleased.class),
            new EventType(OrderConfirmed.TYPE, 1, OrderConfirmed.class),
            new EventType(OrderCancelled.TYPE, 1, OrderCancelled.class));

    private EventTypes() {
    }

    /** The type for these header values, if this release can read it. */
    public static Optional<EventType> find(String name, int version) {
        return KNOWN.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
    }

    /** The type (and the version) this release writes for a record class. */
    public static EventType of(Class<? extends DomainEvent> recordClass) {
        return KNOWN.stream()
                .filter(t -> t.recordClass().equals(recordClass))
                .reduce((older, newer) -> newer.version() > older.version() ? newer : older)
                .orElseThrow(() -> new IllegalArgumentException("Not an event type: " + recordClass.getName()));
    }

    /** Every type and version this release reads. */
    public static List<EventType> all() {
        return KNOWN;
    }

    /** The versions of one event type this release reads, for error messages. */
    public static List<Integer> versionsOf(String name) {
        return KNOWN.stream().filter(t -> t.name().equals(name)).map(EventType::version).toList();
    }
}
