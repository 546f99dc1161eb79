package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Acknowledges {@code OrderConfirmed}, which shares {@code order-lifecycle} with the cancellations this worker acts
 * on: a confirmed order keeps its stock, so there is nothing to do. Declared only because worker-support
 * dead-letters an event type that has no handler.
 */
@Component
class OrderConfirmations implements EventHandler<OrderConfirmed, Void> {

    @Override
    public String topic() {
        return Topics.ORDER_LIFECYCLE;
    }

    @Override
    public Class<OrderConfirmed> eventType() {
        return OrderConfirmed.class;
    }

    @Override
    public Void perform(OrderConfirmed confirmed) {
        return null;
    }

    @Override
    public String record(OrderConfirmed confirmed, Void nothing) {
        return "IGNORED";
    }
}
