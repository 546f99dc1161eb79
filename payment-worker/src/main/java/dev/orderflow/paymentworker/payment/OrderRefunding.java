package dev.orderflow.paymentworker.payment;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.Topics;
import dev.orderflow.outbox.Outbox;
import dev.orderflow.paymentworker.payment.PaymentGateway.Refund;
import dev.orderflow.paymentworker.payment.PaymentGateway.RefundRequest;
import dev.orderflow.worker.OrderCancelledHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pays back a cancelled order's charge once and publishes {@code PaymentRefunded}, deciding from this worker's own
 * payment row, never from the event's {@code compensations}. A declined (or skipped) order has nothing to pay back
 * and publishes nothing; an order not charged yet is left to {@link OrderCharging}, which finds the cancellation
 * recorded and does not charge it.
 */
@Component
class OrderRefunding implements OrderCancelledHandler<Optional<Refund>> {

    /** Outcomes kept in {@code processed_events} for the order's OrderCancelled. */
    static final String REFUNDED = "REFUNDED";
    static final String NOTHING_TO_REFUND = "NOTHING_TO_REFUND";
    static final String CANCELLED_BEFORE_CHARGE = "CANCELLED_BEFORE_CHARGE";

    private static final Logger log = LoggerFactory.getLogger(OrderRefunding.class);

    private final PaymentGateway gateway;
    private final Payments payments;
    private final Outbox outbox;
    private final Clock clock;

    OrderRefunding(PaymentGateway gateway, Payments payments, Outbox outbox, Clock clock) {
        this.gateway = gateway;
        this.payments = payments;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Refunds only a charge already recorded; empty if there was none when it looked. */
    @Override
    public Optional<Refund> perform(OrderCancelled cancelled) {
        if (payments.find(cancelled.orderId()).filter(Payment::refundable).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(gateway.refund(RefundRequest.ofOrder(cancelled.orderId())));
    }

    @Override
    public String record(OrderCancelled cancelled, Optional<Refund> refund) {
        UUID orderId = cancelled.orderId();
        // Under the order's lock: this is the payment as OrderCharging last committed it.
        Optional<Payment> payment = payments.find(orderId);
        if (refund.isEmpty()) {
            if (payment.filter(Payment::refundable).isPresent()) {
                // Charged and recorded after perform looked: fail this attempt, the next one refunds it.
                throw new ChargedWhileCancelling(orderId);
            }
            if (payment.isEmpty()) {
                log.info("Order {} cancelled before it was charged: it will not be charged", orderId);
                return CANCELLED_BEFORE_CHARGE;
            }
            log.info("Order {} cancelled: payment {}, nothing to refund", orderId, payment.get().status());
            return NOTHING_TO_REFUND;
        }
        Payment charged = payment.orElseThrow(() -> new IllegalStateException(
                "Order " + orderId + " was refunded but has no payment"));
        if (!refund.get().refunded()) {
            throw new IllegalStateException("The gateway has no charge to refund for order " + orderId
                    + ", which is recorded as " + charged.status());
        }
        Instant now = clock.instant();
        if (!payments.markRefunded(orderId, refund.get().reference(), now)) {
            // Refunded by another delivery of this cancellation meanwhile; its claim wins and this one rolls back.
            return NOTHING_TO_REFUND;
        }
        outbox.append(Topics.PAYMENT_EVENTS, new PaymentRefunded(UUID.randomUUID(), orderId, charged.customerId(),
                now, charged.paymentId(), charged.amountMinor(), charged.currency()));
        log.info("Order {} payment REFUNDED: {} {} minor paid back ({})", orderId, charged.amountMinor(),
                charged.currency(), cancelled.reason());
        return REFUNDED;
    }

    /** The order's charge was recorded between perform and record: retried, so the next attempt refunds it. */
    static class ChargedWhileCancelling extends RuntimeException {

        ChargedWhileCancelling(UUID orderId) {
            super("Order " + orderId + " was charged while its cancellation was handled; the next attempt refunds it");
        }
    }
}
