package dev.orderflow.paymentworker.payment;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.Topics;
import dev.orderflow.outbox.Outbox;
import dev.orderflow.paymentworker.payment.PaymentGateway.Charge;
import dev.orderflow.paymentworker.payment.PaymentGateway.ChargeRequest;
import dev.orderflow.paymentworker.payment.PaymentGateway.Refund;
import dev.orderflow.paymentworker.payment.PaymentGateway.RefundRequest;
import dev.orderflow.worker.OrderCreatedHandler;
import dev.orderflow.worker.ProcessedEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Charges each new order's total once: the gateway call outside the transaction, the payment row and its result
 * event ({@code PaymentSucceeded} or {@code PaymentDeclined} on {@code payment-events}) inside it. An order whose
 * cancellation this worker has already recorded is never charged; one cancelled while it was being charged is paid
 * back before anything is recorded (see {@link #record}).
 */
@Component
class OrderCharging implements OrderCreatedHandler<OrderCharging.Attempt> {

    /** Outcome kept in {@code processed_orders} for an order charged, found cancelled meanwhile, and refunded. */
    static final String REFUNDED = "REFUNDED";

    private static final Logger log = LoggerFactory.getLogger(OrderCharging.class);

    /** What {@link #perform} did. */
    sealed interface Attempt {
    }

    /** Charged the order (approved or declined). */
    record Charged(Charge charge) implements Attempt {
    }

    /**
     * Found the order cancelled, so did not charge it, and paid back the charge an earlier attempt may have made
     * (the refund says whether there was one).
     */
    record FoundCancelled(Refund refund) implements Attempt {
    }

    private final PaymentGateway gateway;
    private final Payments payments;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    OrderCharging(PaymentGateway gateway, Payments payments, ProcessedEvents processedEvents, Outbox outbox,
            Clock clock) {
        this.gateway = gateway;
        this.payments = payments;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Attempt perform(OrderCreated order) {
        if (cancellationRecorded(order.orderId())) {
            // Either the cancellation came first (nothing was charged, the gateway finds nothing to refund) or it
            // was recorded while an earlier attempt was charging (that charge is paid back here, under the order's
            // refund key, so however often this runs it is one refund).
            return new FoundCancelled(gateway.refund(RefundRequest.ofOrder(order.orderId())));
        }
        return new Charged(gateway.charge(new ChargeRequest(order.orderId().toString(), order.customerId(),
                order.totalMinor(), order.currency())));
    }

    @Override
    public String record(OrderCreated order, Attempt attempt) {
        return switch (attempt) {
            case Charged(Charge charge) -> recordCharge(order, charge);
            case FoundCancelled(Refund refund) -> recordCancelled(order, refund);
        };
    }

    private String recordCharge(OrderCreated order, Charge charge) {
        // Under the order's lock: a cancellation committed after perform looked is visible now. Keeping the charge
        // would keep money of a cancelled order, and OrderCancelled was recorded with nothing to refund; so this
        // attempt fails and the next one (perform sees the cancellation) pays the charge back.
        if (charge.approved() && cancellationRecorded(order.orderId())) {
            throw new CancelledWhileCharging(order.orderId());
        }
        Instant now = clock.instant();
        UUID paymentId = UUID.randomUUID();
        if (charge.approved()) {
            payments.add(new Payment(order.orderId(), paymentId, order.customerId(), order.totalMinor(),
                    order.currency(), Payment.Status.SUCCEEDED, charge.reference(), null, null, null));
            outbox.append(Topics.PAYMENT_EVENTS, succeeded(order, paymentId, charge.reference(), now));
        } else {
            payments.add(new Payment(order.orderId(), paymentId, order.customerId(), order.totalMinor(),
                    order.currency(), Payment.Status.DECLINED, charge.reference(), charge.declineReason(), null,
                    null));
            outbox.append(Topics.PAYMENT_EVENTS, new PaymentDeclined(UUID.randomUUID(), order.orderId(),
                    order.customerId(), now, charge.declineReason()));
        }
        Payment.Status status = charge.approved() ? Payment.Status.SUCCEEDED : Payment.Status.DECLINED;
        log.info("Order {} payment {}: {} {} minor{}", order.orderId(), status, order.totalMinor(), order.currency(),
                charge.approved() ? "" : " (" + charge.declineReason() + ")");
        return status.name();
    }

    private String recordCancelled(OrderCreated order, Refund refund) {
        UUID paymentId = UUID.randomUUID();
        if (!refund.refunded()) {
            // Cancelled before it was charged: the effect is never made, and there is no result to publish.
            payments.add(new Payment(order.orderId(), paymentId, order.customerId(), order.totalMinor(),
                    order.currency(), Payment.Status.SKIPPED, null, null, null, null));
            log.info("Order {} payment SKIPPED: cancelled before it was charged", order.orderId());
            return Payment.Status.SKIPPED.name();
        }
        // Charged by an earlier attempt, found cancelled, paid back now: both facts are published, in that order.
        Instant now = clock.instant();
        payments.add(new Payment(order.orderId(), paymentId, order.customerId(), order.totalMinor(),
                order.currency(), Payment.Status.SUCCEEDED, refund.chargeReference(), null, refund.reference(), now));
        outbox.append(Topics.PAYMENT_EVENTS, succeeded(order, paymentId, refund.chargeReference(), now));
        outbox.append(Topics.PAYMENT_EVENTS, new PaymentRefunded(UUID.randomUUID(), order.orderId(),
                order.customerId(), now, paymentId, refund.amountMinor(), refund.currency()));
        log.info("Order {} payment SUCCEEDED and REFUNDED: cancelled while it was being charged, {} {} minor paid back",
                order.orderId(), refund.amountMinor(), refund.currency());
        return REFUNDED;
    }

    private static PaymentSucceeded succeeded(OrderCreated order, UUID paymentId, String reference, Instant at) {
        return new PaymentSucceeded(UUID.randomUUID(), order.orderId(), order.customerId(), at, paymentId,
                order.totalMinor(), order.currency(), reference);
    }

    private boolean cancellationRecorded(UUID orderId) {
        return processedEvents.outcomeOf(orderId, OrderCancelled.TYPE).isPresent();
    }

    /** The order was cancelled between its charge and the record of it: retried, so the charge is paid back. */
    static class CancelledWhileCharging extends RuntimeException {

        CancelledWhileCharging(UUID orderId) {
            super("Order " + orderId + " was cancelled while it was being charged; the next attempt refunds it");
        }
    }
}
