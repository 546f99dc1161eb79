package dev.orderflow.events;

import java.util.List;
import java.util.Optional;

/**
 * Every event type and version this release reads and writes. A breaking change adds a version here;
 * consumers keep reading the old one until producers have migrated.
 */
public final class EventTypes {

    private static final List<EventType> KNOWN = List.of(
            new EventType(OrderCreated.TYPE, OrderCreated.VERSION, OrderCreated.class));

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

    /** The versions of one event type this release reads, for error messages. */
    public static List<Integer> versionsOf(String name) {
        return KNOWN.stream().filter(t -> t.name().equals(name)).map(EventType::version).toList();
    }
}
