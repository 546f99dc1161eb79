package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.inventoryworker.stock.StockLevel;
import dev.orderflow.worker.OrderCreatedHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reserves every item of a new order or none: in the worker's transaction it locks the order's stock rows in SKU
 * order, checks them all, and then takes them all, or records the order as rejected with its shortages.
 */
@Component
class StockReservation implements OrderCreatedHandler<Void> {

    private static final Logger log = LoggerFactory.getLogger(StockReservation.class);

    private final Stock stock;
    private final Reservations reservations;
    private final InventoryProperties properties;

    StockReservation(Stock stock, Reservations reservations, InventoryProperties properties) {
        this.stock = stock;
        this.reservations = reservations;
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
        Map<String, Integer> wanted = order.items().stream().collect(Collectors.toMap(
                OrderCreated.Item::sku, OrderCreated.Item::quantity, Integer::sum, TreeMap::new));
        Map<String, Integer> available = stock.lockInSkuOrder(wanted.keySet()).stream()
                .collect(Collectors.toMap(StockLevel::sku, StockLevel::available, (a, b) -> a, TreeMap::new));
        List<Shortage> shortages = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            int there = available.getOrDefault(sku, 0);
            if (there < quantity) {
                shortages.add(new Shortage(sku, quantity, there));
            }
        });
        if (!shortages.isEmpty()) {
            reservations.addRejected(order.orderId(), order.customerId(), shortages);
            log.info("Order {} stock REJECTED, short of {}", order.orderId(),
                    shortages.stream().map(Shortage::sku).collect(Collectors.joining(", ")));
            return Reservations.Status.REJECTED.name();
        }
        wanted.forEach(stock::take);
        reservations.addReserved(order.orderId(), order.customerId(), wanted);
        log.info("Order {} stock RESERVED: {}", order.orderId(), wanted);
        return Reservations.Status.RESERVED.name();
    }
}
