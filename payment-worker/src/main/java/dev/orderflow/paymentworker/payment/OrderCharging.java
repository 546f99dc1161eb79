package dev.orderflow.paymentworker.payment;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.paymentworker.payment.PaymentGateway.Charge;
import dev.orderflow.paymentworker.payment.PaymentGateway.ChargeRequest;
import dev.orderflow.worker.OrderCreatedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Charges each new order's total once: the gateway call outside the transaction, the payment row inside it. */
@Component
class OrderCharging implements OrderCreatedHandler<Charge> {

    private static final Logger log = LoggerFactory.getLogger(OrderCharging.class);

    private final PaymentGateway gateway;
    private final Payments payments;

    OrderCharging(PaymentGateway gateway, Payments payments) {
        this.gateway = gateway;
        this.payments = payments;
    }

    @Override
    public Charge perform(OrderCreated order) {
        return gateway.charge(new ChargeRequest(order.orderId().toString(), order.customerId(), order.totalMinor(),
                order.currency()));
    }

    @Override
    public String record(OrderCreated order, Charge charge) {
        Payment.Status status = charge.approved() ? Payment.Status.SUCCEEDED : Payment.Status.DECLINED;
        payments.add(new Payment(order.orderId(), order.customerId(), order.totalMinor(), order.currency(), status,
                charge.reference(), charge.declineReason()));
        log.info("Order {} payment {}: {} {} minor{}", order.orderId(), status, order.totalMinor(), order.currency(),
                charge.approved() ? "" : " (" + charge.declineReason() + ")");
        return status.name();
    }
}
