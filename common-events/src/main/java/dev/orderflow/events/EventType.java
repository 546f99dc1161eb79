package dev.orderflow.events;

/** One readable pair of {@code event-type} and {@code event-version} headers, and the record that carries it. */
public record EventType(String name, int version, Class<? extends DomainEvent> recordClass) {
}
