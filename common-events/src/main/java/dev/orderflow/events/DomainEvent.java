package dev.orderflow.events;

import java.util.UUID;

/** What every orderflow event has: its own id, the order it concerns and the customer that is its Kafka key. */
public interface DomainEvent {

    UUID eventId();

    UUID orderId();

    String customerId();

    /** The Kafka record key: all events of one customer land in one partition, in order. */
    default String key() {
        return customerId();
    }
}
