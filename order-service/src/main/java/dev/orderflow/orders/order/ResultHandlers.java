package dev.orderflow.orders.order;

import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The results order-service consumes from {@code payment-events} and {@code inventory-events}, one worker-support
 * handler per event type, all recorded by {@link OrderLifecycle}. worker-support runs the consumer (group
 * {@code order-service}): it deduplicates each type per order in {@code processed_events}, locks the order before
 * {@code record}, retries failures and dead-letters what keeps failing (a result for an unknown order).
 */
@Configuration(proxyBeanMethods = false)
class ResultHandlers {

    @Bean
    EventHandler<PaymentSucceeded, Void> paymentSucceeded(OrderLifecycle lifecycle) {
        return new ResultHandler<>(Topics.PAYMENT_EVENTS, PaymentSucceeded.class, lifecycle);
    }

    @Bean
    EventHandler<PaymentDeclined, Void> paymentDeclined(OrderLifecycle lifecycle) {
        return new ResultHandler<>(Topics.PAYMENT_EVENTS, PaymentDeclined.class, lifecycle);
    }

    @Bean
    EventHandler<PaymentRefunded, Void> paymentRefunded(OrderLifecycle lifecycle) {
        return new ResultHandler<>(Topics.PAYMENT_EVENTS, PaymentRefunded.class, lifecycle);
    }

    @Bean
    EventHandler<StockReserved, Void> stockReserved(OrderLifecycle lifecycle) {
        return new ResultHandler<>(Topics.INVENTORY_EVENTS, StockReserved.class, lifecycle);
    }

    @Bean
    EventHandler<StockRejected, Void> stockRejected(OrderLifecycle lifecycle) {
        return new ResultHandler<>(Topics.INVENTORY_EVENTS, StockRejected.class, lifecycle);
    }

    @Bean
    EventHandler<StockReleased, Void> stockReleased(OrderLifecycle lifecycle) {
        return new ResultHandler<>(Topics.INVENTORY_EVENTS, StockReleased.class, lifecycle);
    }

    /** Records one result type. There is no external effect: all of it happens in {@code record}'s transaction. */
    record ResultHandler<E extends SagaEvent>(String topic, Class<E> eventType, OrderLifecycle lifecycle)
            implements EventHandler<E, Void> {

        @Override
        public Void perform(E event) {
            return null;
        }

        @Override
        public String record(E event, Void nothing) {
            return lifecycle.record(event);
        }
    }
}
