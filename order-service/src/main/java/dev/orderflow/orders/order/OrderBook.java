package dev.orderflow.orders.order;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.orders.config.OrderServiceProperties;
import dev.orderflow.orders.idempotency.IdempotencyKeyReusedException;
import dev.orderflow.orders.idempotency.IdempotencyKeys;
import dev.orderflow.orders.idempotency.RequestFingerprint;
import dev.orderflow.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Places and finds orders. Placing stores the order (with the CREATED entry of its history), its Idempotency-Key
 * and its {@code OrderCreated} event in one database transaction; Kafka is never called here (the outbox relay
 * publishes after commit).
 */
@Service
public class OrderBook {

    private static final Logger log = LoggerFactory.getLogger(OrderBook.class);

    private final Orders orders;
    private final IdempotencyKeys idempotencyKeys;
    private final Outbox outbox;
    private final Clock clock;
    private final OrderServiceProperties properties;
    private final Counter created;

    OrderBook(Orders orders, IdempotencyKeys idempotencyKeys, Outbox outbox, Clock clock,
            OrderServiceProperties properties, MeterRegistry meters) {
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.created = Counter.builder("orderflow.orders.placed").description("Orders created (a replayed Idempotency-Key does not count)").register(meters);
    }

    /**
     * Places an order. With an {@code idempotencyKey} (may be null) a repeated request of the same {@code caller}
     * returns the order the key created first; another body under the same key throws
     * {@link IdempotencyKeyReusedException}.
     */
    @Transactional
    public PlacedOrder place(NewOrder request, String caller, String idempotencyKey) {
        // PostgreSQL keeps microseconds: the event must carry exactly the stored time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID orderId = UUID.randomUUID();
        if (idempotencyKey != null) {
            var claim = idempotencyKeys.claim(caller, idempotencyKey, RequestFingerprint.of(request), orderId, now,
                    now.plus(properties.idempotency().ttl()));
            if (claim instanceof IdempotencyKeys.Claim.Taken taken) {
                if (!taken.sameRequest()) {
                    throw new IdempotencyKeyReusedException();
                }
                return new PlacedOrder(withDetails(taken.orderId()), false);
            }
        }
        UUID eventId = UUID.randomUUID();
        Order order = orders.save(Order.place(orderId, request, now, eventId));
        OrderCreated event = order.created(eventId);
        // The region travels as a header too, for the relay's region partitioner (orderflow.outbox.partitioning).
        outbox.append(Topics.ORDER_CREATED, event,
                event.region() == null ? Map.of() : Map.of(EventHeaders.REGION, event.region()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                created.increment();
                log.info("Order {} created (customer {}, {} items, total {} {}), event {}", order.id(),
                        order.customerId(), order.items().size(), order.totalMinor(), order.currency(),
                        event.eventId());
            }
        });
        return new PlacedOrder(order, true);
    }

    @Transactional(readOnly = true)
    public Order find(UUID orderId) {
        return withDetails(orderId);
    }

    /** A page of one customer's orders, newest first. */
    @Transactional(readOnly = true)
    public Page<Order> ofCustomer(String customerId, Pageable pageable) {
        Page<Order> page = orders.findByCustomerId(customerId, pageable);
        page.forEach(Order::loadDetails);
        return page;
    }

    private Order withDetails(UUID orderId) {
        Order order = orders.findById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        order.loadDetails();
        return order;
    }
}
