package dev.orderflow.emailworker.email;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

/**
 * One email of an order, ready to send; its Message-ID depends only on the order and the kind of email, so a resend
 * carries the same one.
 */
record OrderMail(UUID orderId, SentEmail.Kind kind, String to, String messageId, String subject, String text) {

    /** An amount as the reader expects it, e.g. {@code 25.98 EUR} for 2598 minor units. */
    static String amount(long minor, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
