package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCreated;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;
import java.util.stream.Collectors;

/** The confirmation email of one order; its Message-ID depends only on the order, so a resend carries the same one. */
record ConfirmationMail(String to, String messageId, String subject, String text) {

    static ConfirmationMail of(OrderCreated order, String to, String messageIdDomain) {
        String lines = order.items().stream()
                .map(item -> "  %d x %s at %s".formatted(item.quantity(), item.sku(),
                        amount(item.unitPriceMinor(), order.currency())))
                .collect(Collectors.joining("\n"));
        String text = """
                Thank you for your order %s.

                %s

                Total: %s

                We will let you know when it is on its way.
                """.formatted(order.orderId(), lines, amount(order.totalMinor(), order.currency()));
        return new ConfirmationMail(to, messageIdOf(order.orderId(), messageIdDomain),
                "Your order " + order.orderId() + " is received", text);
    }

    static String messageIdOf(UUID orderId, String domain) {
        return "<order-" + orderId + "@" + domain + ">";
    }

    private static String amount(long minor, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
