package dev.orderflow.orders.order;

import dev.orderflow.events.OrderCreated;
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
import java.util.UUID;

/**
 * An order as order-service stores it. Created PENDING; the lifecycle moves it on, which is why it carries a
 * version for optimistic locking. Money is minor units of {@code currency}.
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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNumber")
    private List<OrderItem> items = new ArrayList<>();

    protected Order() {
    }

    /** A new PENDING order with the given id; the total is computed from the lines. */
    static Order place(UUID id, NewOrder request, Instant createdAt) {
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
        return order;
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

    public List<OrderItem> items() {
        return Collections.unmodifiableList(items);
    }
}
