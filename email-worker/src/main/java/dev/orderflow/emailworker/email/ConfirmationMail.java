package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCreated;
import java.util.UUID;
import java.util.stream.Collectors;

/** The confirmation email of a new order, Message-ID {@code <order-{orderId}@{domain}>}. */
final class ConfirmationMail {

    private ConfirmationMail() {
    }

    static OrderMail of(OrderCreated order, String to, String messageIdDomain) {
        String lines = order.items().stream()
                .map(item -> "  %d x %s at %s".formatted(item.quantity(), item.sku(),
                        OrderMail.amount(item.unitPriceMinor(), order.currency())))
                .collect(Collectors.joining("\n"));
        String text = """
                Thank you for your order %s.

                %s

                Total: %s

                We will let you know when it is on its way.
                """.formatted(order.orderId(), lines, OrderMail.amount(order.totalMinor(), order.currency()));
        return new OrderMail(order.orderId(), SentEmail.Kind.ORDER_CONFIRMATION, to,
                messageIdOf(order.orderId(), messageIdDomain), "Your order " + order.orderId() + " is received",
                text);
    }

    static String messageIdOf(UUID orderId, String domain) {
        return "<order-" + orderId + "@" + domain + ">";
    }
}
