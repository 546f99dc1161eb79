package dev.orderflow.orders.order;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLifecycleEvent;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves orders through their lifecycle: records the results payment-worker and inventory-worker report, and the
 * customer's cancellation. Each change locks the order's row first, and its decision (OrderConfirmed,
 * OrderCancelled) goes to {@code order-lifecycle} through the outbox in the same transaction.
 */
@Service
public class OrderLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycle.class);

    private final Orders orders;
    private final Outbox outbox;
    private final Clock clock;
    private final Counter confirmed;
    private final Map<OrderCancelled.Reason, Counter> cancelled = new EnumMap<>(OrderCancelled.Reason.class);

    OrderLifecycle(Orders orders, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
        this.confirmed = Counter.builder("orderflow.orders.confirmed")
                .description("Orders confirmed (payment succeeded and stock reserved)")
                .register(meters);
        for (OrderCancelled.Reason reason : OrderCancelled.Reason.values()) {
            cancelled.put(reason, Counter.builder("orderflow.orders.cancelled")
                    .description("Orders cancelled, by reason")
                    .tag("reason", reason.name())
                    .register(meters));
        }
    }

    /**
     * Records a payment or stock result in the caller's transaction: the consumer's, which also claims the event in
     * {@code processed_events}, so a redelivery is never recorded twice. Answers the outcome kept with that claim:
     * {@code CONFIRMED} or {@code CANCELLED} if this result decided, else {@code RECORDED}.
     *
     * @throws UnknownOrderException if no order has the event's order id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String record(SagaEvent result) {
        // Without its lines and history: nobody shows this order after the commit, and a history entry added to
        // the unloaded (inverse) collection is inserted without reading the others first, two SELECTs per result.
        Order order = orders.findForUpdateById(result.orderId())
                .orElseThrow(() -> new UnknownOrderException(result.orderId()));
        ParticipantResult recorded = ParticipantResult.of(result);
        OrderStatus before = order.status();
        Optional<OrderLifecycleEvent> decision = order.record(recorded, now(), UUID.randomUUID());
        decision.ifPresent(this::publish);
        String lateNote = before == OrderStatus.PENDING ? "" : ", after the decision: history only";
        afterCommit(() -> log.info("Order {}: {} recorded from event {}, status {}{}", order.id(), recorded.type(),
                recorded.eventId(), order.status(), lateNote));
        return decision.map(event -> event instanceof OrderConfirmed ? "CONFIRMED" : "CANCELLED").orElse("RECORDED");
    }

    /**
     * The customer cancels: a PENDING or CONFIRMED order becomes CANCELLED (CUSTOMER_REQUEST) and its OrderCancelled
     * is stored for publishing; an order the customer already cancelled is answered as it is.
     *
     * @throws OrderNotFoundException       if there is no such order
     * @throws OrderNotCancellableException if it was cancelled for another reason
     */
    @Transactional
    public Order cancel(UUID orderId) {
        Order order = lockWithDetails(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        order.cancelByCustomer(now(), UUID.randomUUID()).ifPresent(this::publish);
        return order;
    }

    private Optional<Order> lockWithDetails(UUID orderId) {
        Optional<Order> order = orders.findForUpdateById(orderId);
        // Loaded before they change, so that the order answered after the commit shows them complete.
        order.ifPresent(Order::loadDetails);
        return order;
    }

    /** The decision goes out with the change that made it, or not at all. */
    private void publish(OrderLifecycleEvent decision) {
        outbox.append(Topics.ORDER_LIFECYCLE, decision);
        afterCommit(() -> {
            switch (decision) {
                case OrderConfirmed c -> {
                    confirmed.increment();
                    log.info("Order {} confirmed (total {} {}), event {}", c.orderId(), c.totalMinor(), c.currency(),
                            c.eventId());
                }
                case OrderCancelled c -> {
                    cancelled.get(c.reason()).increment();
                    log.info("Order {} cancelled ({}), compensations {}, event {}", c.orderId(), c.reason(),
                            c.compensations(), c.eventId());
                }
            }
        });
    }

    /** Counted and logged only once the transaction committed: a rolled-back duplicate delivery counts nothing. */
    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** PostgreSQL keeps microseconds: an event carries exactly the time stored with its history entry. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
