package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reservation was given back because its order was cancelled (event version 1). */
public record StockReleased(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt, List<StockItem> items)
        implements InventoryEvent {

    public static final String TYPE = "StockReleased";

    public StockReleased {
        Require.saga(eventId, orderId, customerId, occurredAt);
        items = Require.nonEmpty(items, "items");
    }
}
