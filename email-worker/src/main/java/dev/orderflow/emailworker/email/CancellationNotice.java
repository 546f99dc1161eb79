package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCancelled;
import java.util.UUID;

/** The notice that an order is cancelled, and why; Message-ID {@code <order-{orderId}-cancellation@{domain}>}. */
final class CancellationNotice {

    private CancellationNotice() {
    }

    static OrderMail of(UUID orderId, OrderCancelled.Reason reason, long totalMinor, String currency, String to,
            String messageIdDomain) {
        String total = OrderMail.amount(totalMinor, currency);
        String why = switch (reason) {
            case PAYMENT_DECLINED -> "your payment was declined.";
            case OUT_OF_STOCK -> "some of the items are out of stock.";
            case CUSTOMER_REQUEST -> "you asked us to cancel it.";
        };
        // A declined payment charged nothing; otherwise payment-worker refunds whatever it charged.
        String money = reason == OrderCancelled.Reason.PAYMENT_DECLINED
                ? "Nothing was charged for it (order total: %s).".formatted(total)
                : "If you were charged for it (order total: %s), the charge is refunded.".formatted(total);
        String text = """
                We are sorry: your order %s is cancelled.

                Why: %s

                %s
                """.formatted(orderId, why, money);
        return new OrderMail(orderId, SentEmail.Kind.ORDER_CANCELLATION, to, messageIdOf(orderId, messageIdDomain),
                "Your order " + orderId + " is cancelled", text);
    }

    static String messageIdOf(UUID orderId, String domain) {
        return "<order-" + orderId + "-cancellation@" + domain + ">";
    }
}
