package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The order could not be fully reserved, so nothing was (event version 1). */
public record StockRejected(
        UUID eventId, UUID orderId, String customerId, Instant occurredAt, List<Shortage> shortages)
        implements InventoryEvent {

    public static final String TYPE = "StockRejected";

    public StockRejected {
        Require.saga(eventId, orderId, customerId, occurredAt);
        shortages = Require.nonEmpty(shortages, "shortages");
    }

    /** One SKU the order asked more of than was available. */
    public record Shortage(String sku, int requested, int available) {

        public Shortage {
            Require.nonBlank(sku, "shortages[].sku");
            Require.that(requested > 0, "shortages[].requested must be positive");
            Require.that(available >= 0 && available < requested,
                    "shortages[].available must be between 0 and requested - 1");
        }
    }
}
