package dev.orderflow.orders.order;

import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.SagaEvent;
import dev.orderflow.events.StockItem;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A result payment-worker or inventory-worker reported, as order-service records it: what happened, a short detail
 * for the history, the event's id and when it occurred.
 */
public record ParticipantResult(HistoryEntry.Type type, String detail, UUID eventId, Instant occurredAt) {

    /** The result an event of {@code payment-events} or {@code inventory-events} carries. */
    public static ParticipantResult of(SagaEvent event) {
        return switch (event) {
            case PaymentSucceeded e -> new ParticipantResult(HistoryEntry.Type.PAYMENT_SUCCEEDED,
                    e.amountMinor() + " " + e.currency() + ", reference " + e.gatewayReference(), e.eventId(),
                    e.occurredAt());
            case PaymentDeclined e -> new ParticipantResult(HistoryEntry.Type.PAYMENT_DECLINED, e.reason(),
                    e.eventId(), e.occurredAt());
            case PaymentRefunded e -> new ParticipantResult(HistoryEntry.Type.PAYMENT_REFUNDED,
                    e.amountMinor() + " " + e.currency(), e.eventId(), e.occurredAt());
            case StockReserved e -> new ParticipantResult(HistoryEntry.Type.STOCK_RESERVED, items(e.items()),
                    e.eventId(), e.occurredAt());
            case StockRejected e -> new ParticipantResult(HistoryEntry.Type.STOCK_REJECTED,
                    e.shortages().stream()
                            .map(s -> s.sku() + ": requested " + s.requested() + ", available " + s.available())
                            .collect(Collectors.joining("; ")),
                    e.eventId(), e.occurredAt());
            case StockReleased e -> new ParticipantResult(HistoryEntry.Type.STOCK_RELEASED, items(e.items()),
                    e.eventId(), e.occurredAt());
            default -> throw new IllegalArgumentException(
                    event.getClass().getSimpleName() + " is not a payment or stock result");
        };
    }

    private static String items(List<StockItem> items) {
        return items.stream().map(i -> i.sku() + " x" + i.quantity()).collect(Collectors.joining(", "));
    }
}
