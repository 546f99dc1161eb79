package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.worker.OrderCancelledHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the notice of each cancelled order once, to the address its OrderCreated named. OrderCancelled carries no
 * contact, and email-worker may see it before the order's OrderCreated: then nothing is sent, the cancellation is
 * kept as a pending notice ({@link KnownOrders}), and {@link OrderConfirmationSending} sends it when the order comes.
 */
@Component
class CancellationNoticeSending implements OrderCancelledHandler<CancellationNoticeSending.Notice> {

    private static final Logger log = LoggerFactory.getLogger(CancellationNoticeSending.class);

    /** The cancellation waits for its order's OrderCreated: the outcome kept in {@code processed_events}. */
    static final String PENDING = "PENDING";

    /**
     * What {@link #perform} found: whether the order's OrderCreated was seen, and the notice sent (null if it was
     * not seen, or the order has no address).
     */
    record Notice(boolean orderKnown, OrderMailer.Delivery delivery) {

        static final Notice ORDER_UNKNOWN = new Notice(false, null);
    }

    private final OrderMailer mailer;
    private final KnownOrders knownOrders;
    private final EmailProperties properties;

    CancellationNoticeSending(OrderMailer mailer, KnownOrders knownOrders, EmailProperties properties) {
        this.mailer = mailer;
        this.knownOrders = knownOrders;
        this.properties = properties;
    }

    @Override
    public Notice perform(OrderCancelled cancellation) {
        return knownOrders.find(cancellation.orderId())
                .map(order -> order.recipient() == null
                        ? new Notice(true, null)
                        : new Notice(true, mailer.send(CancellationNotice.of(order.orderId(),
                                cancellation.reason(), order.totalMinor(), order.currency(), order.recipient(),
                                properties.messageIdDomain()))))
                .orElse(Notice.ORDER_UNKNOWN);
    }

    @Override
    public String record(OrderCancelled cancellation, Notice notice) {
        boolean orderKnown = knownOrders.cancelled(cancellation);
        if (!orderKnown) {
            log.info("Order {} cancellation notice ({}) PENDING: its OrderCreated has not arrived yet",
                    cancellation.orderId(), cancellation.reason());
            return PENDING;
        }
        if (!notice.orderKnown()) {
            // The order's OrderCreated was recorded between perform and this record, after it looked for a
            // pending notice: the notice is this handler's to send. The retry finds the order and sends it.
            throw new OrderArrivedMeanwhile(cancellation);
        }
        if (notice.delivery() == null) {
            mailer.recordSkipped(cancellation.orderId(), SentEmail.Kind.ORDER_CANCELLATION);
            log.info("Order {} cancellation notice ({}) SKIPPED: no email address", cancellation.orderId(),
                    cancellation.reason());
            return SentEmail.Status.SKIPPED.name();
        }
        mailer.recordSent(notice.delivery());
        log.info("Order {} cancellation notice ({}) SENT to {} as {}", cancellation.orderId(), cancellation.reason(),
                SentEmail.masked(notice.delivery().mail().to()), notice.delivery().mail().messageId());
        return SentEmail.Status.SENT.name();
    }

    /** A retryable race: the order became known while the notice was being prepared without it. */
    static class OrderArrivedMeanwhile extends RuntimeException {
        OrderArrivedMeanwhile(OrderCancelled cancellation) {
            super("Order " + cancellation.orderId() + " arrived while its cancellation was handled; retrying",
                    null, false, false);
        }
    }
}
