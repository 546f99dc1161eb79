package dev.orderflow.paymentworker.payment;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.paymentworker.payment.OrderCharging.Attempt;
import dev.orderflow.paymentworker.payment.OrderCharging.CancelledWhileCharging;
import dev.orderflow.paymentworker.payment.OrderCharging.Charged;
import dev.orderflow.paymentworker.payment.OrderCharging.FoundCancelled;
import dev.orderflow.paymentworker.payment.OrderRefunding.ChargedWhileCancelling;
import dev.orderflow.paymentworker.payment.PaymentGateway.Refund;
import dev.orderflow.worker.ProcessedEvents;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The interleavings of one order's OrderCreated and OrderCancelled that the per-order lock does not rule out, because
 * each handler's {@code perform} runs outside it. The two handlers are driven step by step here the way
 * worker-support drives them ({@code perform}, then {@code record} and the ledger claim in one transaction), so each
 * interleaving happens exactly, not by chance. The steps run one after another, so the lock itself plays no part.
 */
@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class CancellationRaceTest {

    @Autowired
    OrderCharging charging;

    @Autowired
    OrderRefunding refunding;

    @Autowired
    Payments payments;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Test
    void cancellationRecordedWhileTheOrderWasChargedMakesTheNextAttemptPayItBack() {
        OrderCreated order = newOrder("racing");
        OrderCancelled cancelled = cancellationOf(order);
        Attempt first = charging.perform(order);
        // The cancellation is handled in full between the charge and its record: it finds no payment yet.
        assertThat(handle(cancelled)).isEqualTo(OrderRefunding.CANCELLED_BEFORE_CHARGE);

        assertThatThrownBy(() -> recordAndClaim(order, first)).isInstanceOf(CancelledWhileCharging.class);
        Attempt next = charging.perform(order);
        String outcome = recordAndClaim(order, next);

        assertThat(first).isInstanceOfSatisfying(Charged.class, c -> assertThat(c.charge().approved()).isTrue());
        assertThat(next).isInstanceOfSatisfying(FoundCancelled.class,
                c -> assertThat(c.refund().refunded()).isTrue());
        assertThat(outcome).isEqualTo(OrderCharging.REFUNDED);
        Payment payment = payments.find(order.orderId()).orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.SUCCEEDED);
        assertThat(payment.refunded()).isTrue();
        assertThat(gatewayCharges(order)).isOne();
        assertThat(gatewayRefunds(order)).containsExactly(1);
        assertThat(outboxTypes(order)).containsExactly("PaymentSucceeded", "PaymentRefunded");
    }

    @Test
    void chargeRecordedAfterTheCancellationLookedMakesItsNextAttemptRefund() {
        OrderCreated order = newOrder("overtaken");
        OrderCancelled cancelled = cancellationOf(order);
        Optional<Refund> looked = refunding.perform(cancelled);
        // The charge is made and recorded between the cancellation's look and its record.
        assertThat(recordAndClaim(order, charging.perform(order))).isEqualTo("SUCCEEDED");

        assertThatThrownBy(() -> recordAndClaim(cancelled, looked)).isInstanceOf(ChargedWhileCancelling.class);
        String outcome = handle(cancelled);

        assertThat(looked).isEmpty();
        assertThat(outcome).isEqualTo(OrderRefunding.REFUNDED);
        assertThat(payments.find(order.orderId()).orElseThrow().refunded()).isTrue();
        assertThat(gatewayRefunds(order)).containsExactly(1);
        assertThat(outboxTypes(order)).containsExactly("PaymentSucceeded", "PaymentRefunded");
    }

    @Test
    void cancellationRecordedFirstMeansTheOrderIsNeverCharged() {
        OrderCreated order = newOrder("early");
        assertThat(handle(cancellationOf(order))).isEqualTo(OrderRefunding.CANCELLED_BEFORE_CHARGE);

        String outcome = recordAndClaim(order, charging.perform(order));

        assertThat(outcome).isEqualTo("SKIPPED");
        assertThat(payments.find(order.orderId()).orElseThrow().status()).isEqualTo(Payment.Status.SKIPPED);
        assertThat(gatewayCharges(order)).isZero();
        assertThat(gatewayRefunds(order)).isEmpty();
        assertThat(outboxTypes(order)).isEmpty();
    }

    @Test
    void declinedChargeFoundCancelledIsKeptAsDeclinedWithNothingToPayBack() {
        OrderCreated order = order(newCustomer("card") + "-declined", "SKU-001", 1, 100);
        Attempt declined = charging.perform(order);
        assertThat(handle(cancellationOf(order))).isEqualTo(OrderRefunding.CANCELLED_BEFORE_CHARGE);

        String outcome = recordAndClaim(order, declined);

        assertThat(outcome).isEqualTo("DECLINED");
        assertThat(gatewayRefunds(order)).isEmpty();
        assertThat(outboxTypes(order)).containsExactly("PaymentDeclined");
    }

    @Test
    void refundRepeatedAfterACrashBeforeItsRecordPaysBackOnce() {
        OrderCreated order = newOrder("crashed");
        recordAndClaim(order, charging.perform(order));
        OrderCancelled cancelled = cancellationOf(order);
        // The refund is made, then the worker dies before recording it; the cancellation is delivered again.
        Optional<Refund> lost = refunding.perform(cancelled);

        String outcome = handle(cancelled);

        assertThat(lost).hasValueSatisfying(refund -> assertThat(refund.refunded()).isTrue());
        assertThat(outcome).isEqualTo(OrderRefunding.REFUNDED);
        assertThat(gatewayRefunds(order)).containsExactly(2);
        assertThat(outboxTypes(order)).containsExactly("PaymentSucceeded", "PaymentRefunded");
    }

    @Test
    void twoDeliveriesOfOneCancellationInFlightTogetherRefundOnceAndPublishOnce() {
        OrderCreated order = newOrder("doubled");
        recordAndClaim(order, charging.perform(order));
        OrderCancelled cancelled = cancellationOf(order);
        Optional<Refund> first = refunding.perform(cancelled);
        Optional<Refund> second = refunding.perform(cancelled);

        String won = recordAndClaim(cancelled, first);
        String lost = recordAndClaim(cancelled, second);

        assertThat(won).isEqualTo(OrderRefunding.REFUNDED);
        assertThat(lost).isNull();
        assertThat(gatewayRefunds(order)).containsExactly(2);
        assertThat(outboxTypes(order)).containsExactly("PaymentSucceeded", "PaymentRefunded");
    }

    /** The cancellation handled in full, as one attempt of the core. */
    private String handle(OrderCancelled cancelled) {
        return recordAndClaim(cancelled, refunding.perform(cancelled));
    }

    /** {@code record} and the claim in one transaction, rolled back if the claim is lost: null then, as the core's. */
    private String recordAndClaim(OrderCreated order, Attempt attempt) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            String outcome = charging.record(order, attempt);
            if (!processedOrders.claim(order, outcome)) {
                status.setRollbackOnly();
                return null;
            }
            return outcome;
        });
    }

    private String recordAndClaim(OrderCancelled cancelled, Optional<Refund> refund) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            String outcome = refunding.record(cancelled, refund);
            if (!processedEvents.claim(cancelled, outcome)) {
                status.setRollbackOnly();
                return null;
            }
            return outcome;
        });
    }

    private long gatewayCharges(OrderCreated order) {
        return jdbc.sql("SELECT count(*) FROM simulated_gateway_charges WHERE idempotency_key = ?")
                .param(order.orderId().toString()).query(Long.class).single();
    }

    /** The requests each refund of the order's charge took (one element per refund made). */
    private List<Integer> gatewayRefunds(OrderCreated order) {
        return jdbc.sql("SELECT requests FROM simulated_gateway_refunds WHERE charge_key = ?")
                .param(order.orderId().toString()).query(Integer.class).list();
    }

    private List<String> outboxTypes(OrderCreated order) {
        return jdbc.sql("SELECT type FROM outbox_events WHERE aggregateid = ? ORDER BY sequence")
                .param(order.orderId().toString()).query(String.class).list();
    }

    private static OrderCreated newOrder(String customerPrefix) {
        return order(newCustomer(customerPrefix), "SKU-001", 2, 1299);
    }

    private static OrderCancelled cancellationOf(OrderCreated order) {
        return new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(),
                OrderCancelled.Reason.CUSTOMER_REQUEST, List.of());
    }
}
