package dev.orderflow.orders.order;

import static dev.orderflow.orders.order.HistoryEntry.Type.CANCELLED;
import static dev.orderflow.orders.order.HistoryEntry.Type.CONFIRMED;
import static dev.orderflow.orders.order.HistoryEntry.Type.CREATED;
import static dev.orderflow.orders.order.HistoryEntry.Type.PAYMENT_DECLINED;
import static dev.orderflow.orders.order.HistoryEntry.Type.PAYMENT_REFUNDED;
import static dev.orderflow.orders.order.HistoryEntry.Type.PAYMENT_SUCCEEDED;
import static dev.orderflow.orders.order.HistoryEntry.Type.STOCK_REJECTED;
import static dev.orderflow.orders.order.HistoryEntry.Type.STOCK_RELEASED;
import static dev.orderflow.orders.order.HistoryEntry.Type.STOCK_RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCancelled.Compensation;
import dev.orderflow.events.OrderCancelled.Reason;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLifecycleEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lifecycle rules of an order, without a database: which result decides what, and what is published. */
class OrderTest {

    static final Instant CREATED_AT = Instant.parse("2026-11-24T12:00:00Z");

    final UUID createdEventId = UUID.randomUUID();
    final Order order = Order.place(UUID.randomUUID(), new NewOrder("customer-1", "ada@example.com", null, "EU",
            "EUR", List.of(new NewOrder.Line("SKU-001", 2, 1299))), CREATED_AT, createdEventId);

    int second;

    @Test
    void newOrderIsPendingWithItsCreationAsFirstHistoryEntry() {
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.payment()).isNull();
        assertThat(order.stock()).isNull();
        assertThat(order.cancellationReason()).isNull();
        assertThat(order.history()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(CREATED);
            assertThat(entry.eventId()).isEqualTo(createdEventId);
            assertThat(entry.occurredAt()).isEqualTo(CREATED_AT);
        });
    }

    @Test
    void paymentThenStockConfirmsTheOrderWithItsTotal() {
        UUID decision = UUID.randomUUID();

        assertThat(record(PAYMENT_SUCCEEDED)).isEmpty();
        Optional<OrderLifecycleEvent> confirmed = order.record(result(STOCK_RESERVED), later(), decision);

        assertThat(confirmed).containsInstanceOf(OrderConfirmed.class);
        OrderConfirmed event = (OrderConfirmed) confirmed.orElseThrow();
        assertThat(event.eventId()).isEqualTo(decision);
        assertThat(event.orderId()).isEqualTo(order.id());
        assertThat(event.customerId()).isEqualTo("customer-1");
        assertThat(event.totalMinor()).isEqualTo(2598);
        assertThat(event.currency()).isEqualTo("EUR");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.payment()).isEqualTo(PaymentResult.SUCCEEDED);
        assertThat(order.stock()).isEqualTo(StockResult.RESERVED);
        assertThat(entries()).containsExactly(CREATED, PAYMENT_SUCCEEDED, STOCK_RESERVED, CONFIRMED);
        assertThat(order.history().getLast().eventId()).isEqualTo(decision);
    }

    @Test
    void stockThenPaymentConfirmsTheOrderToo() {
        assertThat(record(STOCK_RESERVED)).isEmpty();
        assertThat(record(PAYMENT_SUCCEEDED)).containsInstanceOf(OrderConfirmed.class);

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(entries()).containsExactly(CREATED, STOCK_RESERVED, PAYMENT_SUCCEEDED, CONFIRMED);
    }

    @Test
    void declineAfterReservationCancelsAndReleasesTheStock() {
        record(STOCK_RESERVED);

        OrderCancelled cancelled = cancellation(record(PAYMENT_DECLINED));

        assertThat(cancelled.reason()).isEqualTo(Reason.PAYMENT_DECLINED);
        assertThat(cancelled.compensations()).containsExactly(Compensation.RELEASE_STOCK);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(Reason.PAYMENT_DECLINED);
        assertThat(order.payment()).isEqualTo(PaymentResult.DECLINED);
        assertThat(entries()).containsExactly(CREATED, STOCK_RESERVED, PAYMENT_DECLINED, CANCELLED);
    }

    @Test
    void declineBeforeAnythingSucceededCancelsWithNothingToCompensate() {
        OrderCancelled cancelled = cancellation(record(PAYMENT_DECLINED));

        assertThat(cancelled.reason()).isEqualTo(Reason.PAYMENT_DECLINED);
        assertThat(cancelled.compensations()).isEmpty();
    }

    @Test
    void stockRejectionAfterPaymentCancelsOutOfStockAndRefunds() {
        record(PAYMENT_SUCCEEDED);

        OrderCancelled cancelled = cancellation(record(STOCK_REJECTED));

        assertThat(cancelled.reason()).isEqualTo(Reason.OUT_OF_STOCK);
        assertThat(cancelled.compensations()).containsExactly(Compensation.REFUND_PAYMENT);
        assertThat(order.stock()).isEqualTo(StockResult.REJECTED);
    }

    @Test
    void resultsAfterTheCancellationOnlyJoinTheHistory() {
        record(PAYMENT_DECLINED);

        assertThat(record(STOCK_RESERVED)).isEmpty();
        assertThat(record(STOCK_RELEASED)).isEmpty();

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(Reason.PAYMENT_DECLINED);
        assertThat(order.stock()).isEqualTo(StockResult.RELEASED);
        assertThat(entries()).containsExactly(CREATED, PAYMENT_DECLINED, CANCELLED, STOCK_RESERVED, STOCK_RELEASED);
    }

    @Test
    void aSecondFailureDoesNotCancelAgain() {
        record(STOCK_REJECTED);

        assertThat(record(PAYMENT_DECLINED)).isEmpty();

        assertThat(order.cancellationReason()).isEqualTo(Reason.OUT_OF_STOCK);
        assertThat(entries()).containsOnlyOnce(CANCELLED);
    }

    @Test
    void refundAndReleaseShowAsTheLatestResultsAndStayThem() {
        record(PAYMENT_SUCCEEDED);
        record(STOCK_RESERVED);
        order.cancelByCustomer(later(), UUID.randomUUID());

        record(PAYMENT_REFUNDED);
        record(STOCK_RELEASED);
        record(PAYMENT_SUCCEEDED);

        assertThat(order.payment()).isEqualTo(PaymentResult.REFUNDED);
        assertThat(order.stock()).isEqualTo(StockResult.RELEASED);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void customerCancelsAConfirmedOrderCompensatingBoth() {
        record(PAYMENT_SUCCEEDED);
        record(STOCK_RESERVED);
        UUID eventId = UUID.randomUUID();

        OrderCancelled cancelled = order.cancelByCustomer(later(), eventId).orElseThrow();

        assertThat(cancelled.eventId()).isEqualTo(eventId);
        assertThat(cancelled.reason()).isEqualTo(Reason.CUSTOMER_REQUEST);
        assertThat(cancelled.compensations()).containsExactly(Compensation.REFUND_PAYMENT, Compensation.RELEASE_STOCK);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(Reason.CUSTOMER_REQUEST);
        assertThat(order.history().getLast().type()).isEqualTo(CANCELLED);
        assertThat(order.history().getLast().detail())
                .isEqualTo("CUSTOMER_REQUEST, compensations: REFUND_PAYMENT, RELEASE_STOCK");
    }

    @Test
    void customerCancelsAPendingOrderWithNothingKnownToCompensate() {
        OrderCancelled cancelled = order.cancelByCustomer(later(), UUID.randomUUID()).orElseThrow();

        assertThat(cancelled.compensations()).isEmpty();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void cancellingTwiceChangesNothingTheSecondTime() {
        order.cancelByCustomer(later(), UUID.randomUUID());
        List<HistoryEntry.Type> before = entries();

        assertThat(order.cancelByCustomer(later(), UUID.randomUUID())).isEmpty();

        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void anOrderCancelledForAnotherReasonCannotBeCancelledByTheCustomer() {
        record(PAYMENT_DECLINED);

        assertThatThrownBy(() -> order.cancelByCustomer(later(), UUID.randomUUID()))
                .isInstanceOf(OrderNotCancellableException.class)
                .hasMessageContaining("PAYMENT_DECLINED");
        assertThat(order.cancellationReason()).isEqualTo(Reason.PAYMENT_DECLINED);
    }

    @Test
    void historyIsInTheOrderThingsHappenedNotTheOrderTheyArrived() {
        Instant t = later();
        // The payment happened first but its result arrived second (another topic, another participant's clock).
        order.record(new ParticipantResult(STOCK_RESERVED, null, UUID.randomUUID(), t.plusSeconds(10)),
                t.plusSeconds(20), UUID.randomUUID());
        order.record(new ParticipantResult(PAYMENT_SUCCEEDED, null, UUID.randomUUID(), t.plusSeconds(5)),
                t.plusSeconds(21), UUID.randomUUID());

        assertThat(entries()).containsExactly(CREATED, PAYMENT_SUCCEEDED, STOCK_RESERVED, CONFIRMED);
    }

    @Test
    void entriesOfTheSameInstantKeepTheOrderTheyWereRecordedIn() {
        Instant t = later();

        order.record(new ParticipantResult(STOCK_RESERVED, null, UUID.randomUUID(), t), t, UUID.randomUUID());
        order.record(new ParticipantResult(PAYMENT_SUCCEEDED, null, UUID.randomUUID(), t), t, UUID.randomUUID());

        assertThat(entries()).containsExactly(CREATED, STOCK_RESERVED, PAYMENT_SUCCEEDED, CONFIRMED);
    }

    private Optional<OrderLifecycleEvent> record(HistoryEntry.Type type) {
        return order.record(result(type), later(), UUID.randomUUID());
    }

    private ParticipantResult result(HistoryEntry.Type type) {
        return new ParticipantResult(type, null, UUID.randomUUID(), later());
    }

    /** A clock that moves one second per call, so entries have distinct times unless a test says otherwise. */
    private Instant later() {
        return CREATED_AT.plusSeconds(++second);
    }

    private List<HistoryEntry.Type> entries() {
        return order.history().stream().map(HistoryEntry::type).toList();
    }

    private static OrderCancelled cancellation(Optional<OrderLifecycleEvent> decision) {
        assertThat(decision).containsInstanceOf(OrderCancelled.class);
        return (OrderCancelled) decision.orElseThrow();
    }
}
