package dev.orderflow.worker;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;

/** The handler of {@code order-created}: a worker's effect per order, deduplicated by order id. */
public interface OrderCreatedHandler<R> extends EventHandler<OrderCreated, R> {

    @Override
    default String topic() {
        return Topics.ORDER_CREATED;
    }

    @Override
    default Class<OrderCreated> eventType() {
        return OrderCreated.class;
    }
}
