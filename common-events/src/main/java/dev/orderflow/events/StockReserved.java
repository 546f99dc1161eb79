package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every item of the order was reserved (event version 1). */
public record StockReserved(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt, List<StockItem> items)
        implements InventoryEvent {

    public static final String TYPE = "StockReserved";

    public StockReserved {
        Require.saga(eventId, orderId, customerId, occurredAt);
        items = Require.nonEmpty(items, "items");
    }
}
