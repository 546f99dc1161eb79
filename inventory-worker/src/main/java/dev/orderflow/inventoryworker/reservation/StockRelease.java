package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.StockItem;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.Topics;
import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.outbox.Outbox;
import dev.orderflow.worker.OrderCancelledHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives a cancelled order's reserved items back to stock once and publishes {@code StockReleased}, deciding from this
 * worker's own reservation, never from the event's {@code compensations}. The effect is the database's alone, so all
 * of it happens in {@code record}, under the order's lock and in the transaction that claims the cancellation. A
 * rejected order took nothing and publishes nothing; an order not reserved yet is left to {@link StockReservation},
 * which finds the cancellation recorded and takes nothing.
 */
@Component
class StockRelease implements OrderCancelledHandler<Void> {

    /** Outcomes kept in {@code processed_events} for the order's OrderCancelled. */
    static final String RELEASED = "RELEASED";
    static final String NOTHING_TO_RELEASE = "NOTHING_TO_RELEASE";
    static final String CANCELLED_BEFORE_RESERVATION = "CANCELLED_BEFORE_RESERVATION";

    private static final Logger log = LoggerFactory.getLogger(StockRelease.class);

    private final Stock stock;
    private final Reservations reservations;
    private final Outbox outbox;
    private final Clock clock;

    StockRelease(Stock stock, Reservations reservations, Outbox outbox, Clock clock) {
        this.stock = stock;
        this.reservations = reservations;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Void perform(OrderCancelled cancelled) {
        return null;
    }

    @Override
    public String record(OrderCancelled cancelled, Void nothing) {
        UUID orderId = cancelled.orderId();
        Optional<Reservations.Status> status = reservations.statusOf(orderId);
        if (status.isEmpty()) {
            log.info("Order {} cancelled before its stock was reserved: nothing will be taken", orderId);
            return CANCELLED_BEFORE_RESERVATION;
        }
        Instant now = clock.instant();
        if (status.get() != Reservations.Status.RESERVED || !reservations.markReleased(orderId, now)) {
            log.info("Order {} cancelled: stock {}, nothing to release", orderId, status.get());
            return NOTHING_TO_RELEASE;
        }
        // In SKU order, as reservations lock the rows, so a release and a reservation never deadlock.
        List<StockItem> items = reservations.itemsOf(orderId);
        items.forEach(item -> stock.giveBack(item.sku(), item.quantity()));
        outbox.append(Topics.INVENTORY_EVENTS, new StockReleased(UUID.randomUUID(), orderId, cancelled.customerId(),
                now, items));
        log.info("Order {} stock RELEASED: {} ({})", orderId, items, cancelled.reason());
        return RELEASED;
    }
}
