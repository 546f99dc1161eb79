package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.EventTypes;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.BatchEventHandler;
import dev.orderflow.worker.EventHandler;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the order lifecycle into {@link OutcomeFigures}: one handler per event type of {@code order-lifecycle} and
 * {@code payment-events}, each counting a polled batch in the transaction that claims its events in
 * {@code processed_events}, so an event delivered (or published) twice counts once. Nothing external is called.
 */
@Configuration(proxyBeanMethods = false)
class OutcomeProjection {

    private static final Logger log = LoggerFactory.getLogger(OutcomeProjection.class);

    static final String COUNTED = "COUNTED";

    @Bean
    EventHandler<OrderConfirmed, Void> confirmedOrders(OutcomeFigures figures) {
        return new Counting<>(Topics.ORDER_LIFECYCLE, OrderConfirmed.class, COUNTED, figures::confirmed);
    }

    @Bean
    EventHandler<OrderCancelled, Void> cancelledOrders(OutcomeFigures figures) {
        return new Counting<>(Topics.ORDER_LIFECYCLE, OrderCancelled.class, COUNTED, figures::cancelled);
    }

    @Bean
    EventHandler<PaymentSucceeded, Void> charges(OutcomeFigures figures) {
        return new Counting<>(Topics.PAYMENT_EVENTS, PaymentSucceeded.class, COUNTED, figures::charged);
    }

    @Bean
    EventHandler<PaymentRefunded, Void> refunds(OutcomeFigures figures) {
        return new Counting<>(Topics.PAYMENT_EVENTS, PaymentRefunded.class, COUNTED, figures::refunded);
    }

    /** Counts a batch of one event type in the record phase; {@code perform} has nothing to do. */
    private record Counting<E extends SagaEvent>(String topic, Class<E> eventType, String outcome,
            Consumer<List<E>> count) implements BatchEventHandler<E> {

        @Override
        public void recordAll(List<E> events) {
            count.accept(events);
            if (log.isDebugEnabled()) {
                // DEBUG, as SalesProjection's would be in a rebuild: a rebuild counts every event again.
                events.forEach(event -> log.debug("Order {} {} COUNTED on {}", event.orderId(),
                        EventTypes.of(eventType).name(), event.occurredAt()));
            }
        }
    }
}
