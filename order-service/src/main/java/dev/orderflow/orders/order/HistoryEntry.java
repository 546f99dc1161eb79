package dev.orderflow.orders.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;

/**
 * One step of an order's life ({@code order_history}): its creation, a result a participant reported, or a decision.
 * Written once, never changed.
 */
@Entity
@Table(name = "order_history")
public class HistoryEntry {

    /** What happened. */
    public enum Type {
        CREATED,
        PAYMENT_SUCCEEDED,
        PAYMENT_DECLINED,
        PAYMENT_REFUNDED,
        STOCK_RESERVED,
        STOCK_REJECTED,
        STOCK_RELEASED,
        CONFIRMED,
        CANCELLED
    }

    /**
     * Time order: when it happened, then the order in which it was recorded (the sequence id; entries not yet stored
     * keep the order they were added in, as the sort is stable).
     */
    static final Comparator<HistoryEntry> IN_TIME_ORDER = Comparator.comparing(HistoryEntry::occurredAt)
            .thenComparing(e -> e.id, Comparator.nullsLast(Comparator.naturalOrder()));

    /** Assigned by the database in the order rows are inserted. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry", nullable = false)
    private Type type;

    private String detail;

    @Column(name = "source_event_id")
    private UUID eventId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected HistoryEntry() {
    }

    HistoryEntry(Order order, Type type, String detail, UUID eventId, Instant occurredAt, Instant recordedAt) {
        this.order = order;
        this.type = type;
        this.detail = detail;
        this.eventId = eventId;
        // PostgreSQL keeps microseconds: an entry reads the same before and after it is stored.
        this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        this.recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public Type type() {
        return type;
    }

    /** e.g. the decline reason, the shortages, the cancellation reason; may be null. */
    public String detail() {
        return detail;
    }

    /** The event this entry came from (OrderCreated, a result) or published (the decision); may be null. */
    public UUID eventId() {
        return eventId;
    }

    /** When it happened where it happened (a result: the participant's clock). */
    public Instant occurredAt() {
        return occurredAt;
    }

    /** When order-service stored it. */
    public Instant recordedAt() {
        return recordedAt;
    }
}
