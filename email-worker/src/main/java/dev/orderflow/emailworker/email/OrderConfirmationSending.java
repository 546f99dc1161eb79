package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.OrderCreatedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends each new order's confirmation email once, and keeps the recipient and total for a later cancellation notice.
 * If the order's OrderCancelled came first (email-worker lags on {@code order-created}), its notice waits in
 * {@link KnownOrders} and is sent here, after the confirmation, and recorded with it.
 */
@Component
class OrderConfirmationSending implements OrderCreatedHandler<OrderConfirmationSending.Sent> {

    private static final Logger log = LoggerFactory.getLogger(OrderConfirmationSending.class);

    /**
     * What {@link #perform} did: the confirmation (null when the order has no address) and, if a cancellation was
     * waiting for this order, that cancellation and its notice (null when there is no address).
     */
    record Sent(OrderMailer.Delivery confirmation, KnownOrders.PendingNotice pending, OrderMailer.Delivery notice) {
    }

    private final OrderMailer mailer;
    private final KnownOrders knownOrders;
    private final EmailProperties properties;

    OrderConfirmationSending(OrderMailer mailer, KnownOrders knownOrders, EmailProperties properties) {
        this.mailer = mailer;
        this.knownOrders = knownOrders;
        this.properties = properties;
    }

    @Override
    public Sent perform(OrderCreated order) {
        String address = order.contact().email();
        address = address == null || address.isBlank() ? null : address.strip();
        KnownOrders.PendingNotice pending = knownOrders.created(order, address).orElse(null);
        if (address == null) {
            return new Sent(null, pending, null);
        }
        OrderMailer.Delivery confirmation = mailer.send(
                ConfirmationMail.of(order, address, properties.messageIdDomain()));
        if (pending == null) {
            return new Sent(confirmation, null, null);
        }
        try {
            OrderMailer.Delivery notice = mailer.send(CancellationNotice.of(order.orderId(), pending.reason(),
                    order.totalMinor(), order.currency(), address, properties.messageIdDomain()));
            return new Sent(confirmation, pending, notice);
        } catch (RuntimeException e) {
            // The retry sends the notice again, but not the confirmation the server has already taken.
            mailer.keepAccepted(confirmation);
            throw e;
        }
    }

    @Override
    public String record(OrderCreated order, Sent sent) {
        String outcome;
        if (sent.confirmation() == null) {
            mailer.recordSkipped(order.orderId(), SentEmail.Kind.ORDER_CONFIRMATION);
            log.info("Order {} confirmation email SKIPPED: no email address", order.orderId());
            outcome = SentEmail.Status.SKIPPED.name();
        } else {
            mailer.recordSent(sent.confirmation());
            log.info("Order {} confirmation email SENT to {} as {}", order.orderId(),
                    SentEmail.masked(sent.confirmation().mail().to()), sent.confirmation().mail().messageId());
            outcome = SentEmail.Status.SENT.name();
        }
        if (sent.pending() != null) {
            if (sent.notice() == null) {
                mailer.recordSkipped(order.orderId(), SentEmail.Kind.ORDER_CANCELLATION);
                log.info("Order {} cancellation notice ({}) SKIPPED: no email address", order.orderId(),
                        sent.pending().reason());
            } else {
                mailer.recordSent(sent.notice());
                log.info("Order {} cancellation notice ({}) SENT to {} as {}, after the order's late OrderCreated",
                        order.orderId(), sent.pending().reason(), SentEmail.masked(sent.notice().mail().to()),
                        sent.notice().mail().messageId());
            }
            knownOrders.noticeHandled(order.orderId());
        }
        return outcome;
    }
}
