package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.GroupedWrites;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code known_orders} table: per order, what its OrderCreated said (recipient, total) and whether it is
 * cancelled with a notice still to send. Each handler writes its half in one upsert that returns the other half as
 * committed, so an OrderCreated and an OrderCancelled of one order handled at the same time cannot both miss each
 * other: the second upsert waits for the first one's row lock.
 */
@Repository
class KnownOrders {

    /** What OrderCreated said about an order; {@code recipient} is null when it has no email address. */
    record KnownOrder(UUID orderId, String recipient, String currency, long totalMinor) {
    }

    /** A cancellation whose notice waits for the order's OrderCreated. */
    record PendingNotice(OrderCancelled.Reason reason, Instant cancelledAt) {
    }

    private final JdbcClient jdbc;
    private final GroupedWrites writes;

    KnownOrders(JdbcClient jdbc, GroupedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * Keeps what the order's cancellation notice needs, committed before any email is sent (in a group with other
     * lanes' writes: {@link GroupedWrites}), and returns
     * the cancellation recorded while the order was still unknown, whose notice is now this OrderCreated's to send.
     */
    Optional<PendingNotice> created(OrderCreated order, String recipient) {
        return writes.commit(() -> jdbc.sql("""
                        INSERT INTO known_orders (order_id, created_seen, recipient, currency, total_minor)
                        VALUES (?, true, ?, ?, ?)
                        ON CONFLICT (order_id) DO UPDATE
                            SET created_seen = true, recipient = EXCLUDED.recipient, currency = EXCLUDED.currency,
                                total_minor = EXCLUDED.total_minor, updated_at = now()
                        RETURNING notice_pending, cancel_reason, cancelled_at""")
                .params(order.orderId(), recipient, order.currency(), order.totalMinor())
                .query((rs, row) -> rs.getBoolean("notice_pending")
                        ? Optional.of(new PendingNotice(OrderCancelled.Reason.valueOf(rs.getString("cancel_reason")),
                                rs.getTimestamp("cancelled_at").toInstant()))
                        : Optional.<PendingNotice>empty())
                .single());
    }

    /**
     * Records the cancellation in the current transaction; returns whether the order's OrderCreated was seen. If it
     * was not, the notice is left pending for it.
     */
    boolean cancelled(OrderCancelled cancellation) {
        return jdbc.sql("""
                        INSERT INTO known_orders (order_id, cancel_reason, cancelled_at, notice_pending)
                        VALUES (?, ?, ?, true)
                        ON CONFLICT (order_id) DO UPDATE
                            SET cancel_reason = EXCLUDED.cancel_reason, cancelled_at = EXCLUDED.cancelled_at,
                                notice_pending = NOT known_orders.created_seen, updated_at = now()
                        RETURNING created_seen""")
                .params(cancellation.orderId(), cancellation.reason().name(),
                        Timestamp.from(cancellation.occurredAt()))
                .query(Boolean.class)
                .single();
    }

    /** The pending notice of the order is sent (or skipped for want of an address), in the current transaction. */
    void noticeHandled(UUID orderId) {
        jdbc.sql("UPDATE known_orders SET notice_pending = false, updated_at = now() WHERE order_id = ?")
                .param(orderId)
                .update();
    }

    /** What the order's OrderCreated said, if this worker has seen it. */
    Optional<KnownOrder> find(UUID orderId) {
        return jdbc.sql("""
                        SELECT order_id, recipient, currency, total_minor FROM known_orders
                        WHERE order_id = ? AND created_seen""")
                .param(orderId)
                .query((rs, row) -> new KnownOrder(rs.getObject("order_id", UUID.class), rs.getString("recipient"),
                        rs.getString("currency"), rs.getLong("total_minor")))
                .optional();
    }
}
