package dev.orderflow.worker;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.Topics;

/**
 * The handler of a cancellation on {@code order-lifecycle}: a worker undoing (or never making) its effect, once per
 * order. Its {@code record} runs under the order's lock, so it sees whether the worker's OrderCreated was recorded.
 */
public interface OrderCancelledHandler<R> extends EventHandler<OrderCancelled, R> {

    @Override
    default String topic() {
        return Topics.ORDER_LIFECYCLE;
    }

    @Override
    default Class<OrderCancelled> eventType() {
        return OrderCancelled.class;
    }
}
