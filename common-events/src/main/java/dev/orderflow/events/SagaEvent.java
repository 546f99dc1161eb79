package dev.orderflow.events;

import java.time.Instant;

/** An event of the order lifecycle: a participant's result or order-service's decision, at a point in time. */
public interface SagaEvent extends DomainEvent {

    Instant occurredAt();
}
