package dev.orderflow.events;

import static dev.orderflow.events.Require.nonBlank;
import static dev.orderflow.events.Require.nonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was accepted and stored by order-service (event version 1).
 * Money is an integer count of minor units of {@code currency} (ISO 4217); {@code region} is optional.
 */
public record OrderCreated(
        UUID eventId,
        UUID orderId,
        String customerId,
        Contact contact,
        String region,
        String currency,
        List<Item> items,
        long totalMinor,
        Instant createdAt) implements DomainEvent {

    public static final String TYPE = "OrderCreated";
    public static final int VERSION = 1;

    public OrderCreated {
        nonNull(eventId, "eventId");
        nonNull(orderId, "orderId");
        nonBlank(customerId, "customerId");
        nonNull(contact, "contact");
        Require.currency(currency, "currency");
        nonNull(items, "items");
        Require.that(!items.isEmpty(), "items must not be empty");
        items.forEach(item -> nonNull(item, "items[]"));
        items = List.copyOf(items);
        Require.that(totalMinor >= 0, "totalMinor must not be negative");
        nonNull(createdAt, "createdAt");
    }

    /** How to reach the customer; either may be absent, the email and SMS workers skip what is missing. */
    public record Contact(String email, String phone) {
    }

    /** One line of the order: {@code quantity} units of {@code sku} at {@code unitPriceMinor} each. */
    public record Item(String sku, int quantity, long unitPriceMinor) {

        public Item {
            nonBlank(sku, "items[].sku");
            Require.that(quantity > 0, "items[].quantity must be positive");
            Require.that(unitPriceMinor >= 0, "items[].unitPriceMinor must not be negative");
        }
    }
}
