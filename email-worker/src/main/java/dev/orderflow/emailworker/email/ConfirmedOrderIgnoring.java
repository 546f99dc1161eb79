package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Acknowledges OrderConfirmed without sending anything: the order's email went out on OrderCreated. It arrives on
 * {@code order-lifecycle}, which this worker reads for cancellations, and the core dead-letters every event of a read
 * topic that has no handler.
 */
@Component
class ConfirmedOrderIgnoring implements EventHandler<OrderConfirmed, Void> {

    static final String IGNORED = "IGNORED";

    @Override
    public String topic() {
        return Topics.ORDER_LIFECYCLE;
    }

    @Override
    public Class<OrderConfirmed> eventType() {
        return OrderConfirmed.class;
    }

    @Override
    public Void perform(OrderConfirmed confirmation) {
        return null;
    }

    @Override
    public String record(OrderConfirmed confirmation, Void nothing) {
        return IGNORED;
    }
}
