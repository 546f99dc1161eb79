package dev.orderflow.orders.order;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.OrderLifecycleEvent;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order as order-service stores it, and the rules of its lifecycle (the saga): created PENDING; CONFIRMED once
 * payment succeeded and stock is reserved; CANCELLED by the first failure or by the customer. Results that arrive
 * after the decision only join the history. Every change is made under a row lock (see {@link OrderLifecycle}); the
 * version is the safety net behind it. Money is minor units of {@code currency}.
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    private UUID id;

    /** Null until first stored: that is how Spring Data tells a new order (with its own id) from a loaded one. */
    @Version
    private Long version;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    private String email;

    private String phone;

    private String region;

    @Column(nullable = false)
    private String currency;

    @Column(name = "total_minor", nullable = false)
    private long totalMinor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_status")
    private PaymentResult payment;

    @Enumerated(EnumType.STRING)
    @Column(name = "stock_status")
    private StockResult stock;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_reason")
    private OrderCancelled.Reason cancellationReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNumber")
    private List<OrderItem> items = new ArrayList<>();

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<HistoryEntry> history = new ArrayList<>();

    protected Order() {
    }

    /**
     * A new PENDING order with the given id, its history starting with CREATED from the OrderCreated event
     * {@code createdEventId}; the total is computed from the lines.
     */
    static Order place(UUID id, NewOrder request, Instant createdAt, UUID createdEventId) {
        Order order = new Order();
        order.id = id;
        order.customerId = request.customerId();
        order.email = request.email();
        order.phone = request.phone();
        order.region = request.region();
        order.currency = request.currency();
        order.totalMinor = request.totalMinor();
        order.status = OrderStatus.PENDING;
        order.createdAt = createdAt;
        int lineNumber = 0;
        for (NewOrder.Line line : request.items()) {
            order.items.add(new OrderItem(order, ++lineNumber, line.sku(), line.quantity(), line.unitPriceMinor()));
        }
        order.history.add(new HistoryEntry(order, HistoryEntry.Type.CREATED, null, createdEventId, createdAt,
                createdAt));
        return order;
    }

    /**
     * Records a result of payment-worker or inventory-worker and answers the decision it leads to, if any: the
     * result that completes payment and stock of a PENDING order confirms it; a decline or a stock rejection of a
     * PENDING order cancels it, compensating what is known to have succeeded. On an order already decided the result
     * only joins the history (and shows as the latest payment or stock result).
     *
     * @param now        when order-service records it (the time of a decision)
     * @param decisionId the event id of the decision, if one is made
     */
    Optional<OrderLifecycleEvent> record(ParticipantResult result, Instant now, UUID decisionId) {
        history.add(new HistoryEntry(this, result.type(), result.detail(), result.eventId(), result.occurredAt(),
                now));
        switch (result.type()) {
            // A refund or release is the last word on its side: a success redelivered after it does not undo it.
            case PAYMENT_SUCCEEDED -> payment = payment == PaymentResult.REFUNDED ? payment : PaymentResult.SUCCEEDED;
            case PAYMENT_DECLINED -> payment = payment == PaymentResult.REFUNDED ? payment : PaymentResult.DECLINED;
            case PAYMENT_REFUNDED -> payment = PaymentResult.REFUNDED;
            case STOCK_RESERVED -> stock = stock == StockResult.RELEASED ? stock : StockResult.RESERVED;
            case STOCK_REJECTED -> stock = stock == StockResult.RELEASED ? stock : StockResult.REJECTED;
            case STOCK_RELEASED -> stock = StockResult.RELEASED;
            default -> throw new IllegalArgumentException(result.type() + " is not a participant's result");
        }
        if (status != OrderStatus.PENDING) {
            return Optional.empty();
        }
        if (result.type() == HistoryEntry.Type.PAYMENT_DECLINED) {
            return Optional.of(cancel(OrderCancelled.Reason.PAYMENT_DECLINED, now, decisionId));
        }
        if (result.type() == HistoryEntry.Type.STOCK_REJECTED) {
            return Optional.of(cancel(OrderCancelled.Reason.OUT_OF_STOCK, now, decisionId));
        }
        if (payment == PaymentResult.SUCCEEDED && stock == StockResult.RESERVED) {
            return Optional.of(confirm(now, decisionId));
        }
        return Optional.empty();
    }

    /**
     * The customer cancels a PENDING or CONFIRMED order: answers the OrderCancelled to publish, or nothing if the
     * customer already cancelled it (asking again changes nothing).
     *
     * @throws OrderNotCancellableException if it was cancelled for another reason
     */
    Optional<OrderCancelled> cancelByCustomer(Instant now, UUID eventId) {
        if (status == OrderStatus.CANCELLED) {
            if (cancellationReason == OrderCancelled.Reason.CUSTOMER_REQUEST) {
                return Optional.empty();
            }
            throw new OrderNotCancellableException(id, cancellationReason);
        }
        return Optional.of(cancel(OrderCancelled.Reason.CUSTOMER_REQUEST, now, eventId));
    }

    private OrderConfirmed confirm(Instant now, UUID eventId) {
        status = OrderStatus.CONFIRMED;
        history.add(new HistoryEntry(this, HistoryEntry.Type.CONFIRMED, null, eventId, now, now));
        return new OrderConfirmed(eventId, id, customerId, now, totalMinor, currency);
    }

    /** Compensations: what order-service knows succeeded; each participant also decides from its own records. */
    private OrderCancelled cancel(OrderCancelled.Reason reason, Instant now, UUID eventId) {
        List<OrderCancelled.Compensation> compensations = new ArrayList<>();
        if (payment == PaymentResult.SUCCEEDED) {
            compensations.add(OrderCancelled.Compensation.REFUND_PAYMENT);
        }
        if (stock == StockResult.RESERVED) {
            compensations.add(OrderCancelled.Compensation.RELEASE_STOCK);
        }
        status = OrderStatus.CANCELLED;
        cancellationReason = reason;
        String detail = compensations.isEmpty() ? reason.name()
                : reason + ", compensations: " + String.join(", ", compensations.stream().map(Enum::name).toList());
        history.add(new HistoryEntry(this, HistoryEntry.Type.CANCELLED, detail, eventId, now, now));
        return new OrderCancelled(eventId, id, customerId, now, reason, compensations);
    }

    /** Loads the lazy collections while the order's transaction is open, so it can be shown after it. */
    void loadDetails() {
        items.size();
        history.size();
    }

    /** The event announcing this order, version 1 of the contract. */
    OrderCreated created(UUID eventId) {
        return new OrderCreated(eventId, id, customerId, new OrderCreated.Contact(email, phone), region, currency,
                items.stream().map(i -> new OrderCreated.Item(i.sku(), i.quantity(), i.unitPriceMinor())).toList(),
                totalMinor, createdAt);
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String region() {
        return region;
    }

    public String currency() {
        return currency;
    }

    public long totalMinor() {
        return totalMinor;
    }

    public OrderStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The latest payment result, or null before payment-worker reported. */
    public PaymentResult payment() {
        return payment;
    }

    /** The latest stock result, or null before inventory-worker reported. */
    public StockResult stock() {
        return stock;
    }

    /** Why the order was cancelled; null unless it is CANCELLED. */
    public OrderCancelled.Reason cancellationReason() {
        return cancellationReason;
    }

    public List<OrderItem> items() {
        return Collections.unmodifiableList(items);
    }

    /** Every step so far, in the time order of when each happened, ties in the order they were recorded. */
    public List<HistoryEntry> history() {
        List<HistoryEntry> inTimeOrder = new ArrayList<>(history);
        inTimeOrder.sort(HistoryEntry.IN_TIME_ORDER);
        return Collections.unmodifiableList(inTimeOrder);
    }
}
