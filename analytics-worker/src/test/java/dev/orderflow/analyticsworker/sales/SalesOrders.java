package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.OrderCreated;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Orders of a chosen day, region and currency, each for a customer of its own and with no contact data. */
public final class SalesOrders {

    private SalesOrders() {
    }

    public static OrderCreated orderOn(LocalDate day, String region, String currency, OrderCreated.Item... items) {
        long total = List.of(items).stream().mapToLong(item -> item.quantity() * item.unitPriceMinor()).sum();
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), "shopper-" + UUID.randomUUID(),
                new OrderCreated.Contact(null, null), region, currency, List.of(items), total,
                day.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
}
