package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.StockItem;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.inventoryworker.stock.StockLevel;
import dev.orderflow.outbox.Outbox;
import dev.orderflow.worker.OrderCreatedHandler;
import dev.orderflow.worker.ProcessedEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reserves every item of a new order or none: in the worker's transaction it takes all the order's units from stock
 * and records the reservation if every SKU has enough ({@link Reservations#reserveAllOrNone}), or else takes nothing
 * and records the order as rejected with its shortages; the result ({@code StockReserved} or {@code StockRejected} on
 * {@code inventory-events}) is stored in the same transaction, through the outbox. An order whose cancellation this
 * worker has already recorded takes nothing.
 */
@Component
class StockReservation implements OrderCreatedHandler<Void> {

    private static final Logger log = LoggerFactory.getLogger(StockReservation.class);

    private final Reservations reservations;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;
    private final InventoryProperties properties;

    StockReservation(Reservations reservations, ProcessedEvents processedEvents, Outbox outbox, Clock clock,
            InventoryProperties properties) {
        this.reservations = reservations;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
    }

    /** Stands for the warehouse system's lookup; the reservation itself is all in {@link #record}. */
    @Override
    public Void perform(OrderCreated order) {
        try {
            Thread.sleep(properties.latency());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the warehouse system", e);
        }
        return null;
    }

    @Override
    public String record(OrderCreated order, Void nothing) {
        // Under the order's lock, so a cancellation recorded before this point is seen and one recorded after it
        // finds the reservation to release.
        if (processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE).isPresent()) {
            reservations.addSkipped(order.orderId(), order.customerId());
            log.info("Order {} stock SKIPPED: cancelled before it was reserved", order.orderId());
            return Reservations.Status.SKIPPED.name();
        }
        Map<String, Integer> wanted = order.items().stream().collect(Collectors.toMap(
                OrderCreated.Item::sku, OrderCreated.Item::quantity, Integer::sum, TreeMap::new));
        Map<String, Integer> found = reservations.reserveAllOrNone(order.orderId(), order.customerId(), wanted).stream()
                .collect(Collectors.toMap(StockLevel::sku, StockLevel::available, (a, b) -> a, TreeMap::new));
        // The same test as the statement's: quantities are positive (OrderCreated checks), so a SKU it did not find
        // is short here too, and no shortage means it took everything.
        List<Shortage> shortages = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            int there = found.getOrDefault(sku, 0);
            if (there < quantity) {
                shortages.add(new Shortage(sku, quantity, there));
            }
        });
        if (!shortages.isEmpty()) {
            reservations.addRejected(order.orderId(), order.customerId(), shortages);
            outbox.append(Topics.INVENTORY_EVENTS, new StockRejected(UUID.randomUUID(), order.orderId(),
                    order.customerId(), clock.instant(), shortages.stream()
                            .map(s -> new StockRejected.Shortage(s.sku(), s.requested(), s.available()))
                            .toList()));
            log.info("Order {} stock REJECTED, short of {}", order.orderId(),
                    shortages.stream().map(Shortage::sku).collect(Collectors.joining(", ")));
            return Reservations.Status.REJECTED.name();
        }
        outbox.append(Topics.INVENTORY_EVENTS, new StockReserved(UUID.randomUUID(), order.orderId(),
                order.customerId(), clock.instant(), wanted.entrySet().stream()
                        .map(item -> new StockItem(item.getKey(), item.getValue()))
                        .toList()));
        log.info("Order {} stock RESERVED: {}", order.orderId(), wanted);
        return Reservations.Status.RESERVED.name();
    }
}
