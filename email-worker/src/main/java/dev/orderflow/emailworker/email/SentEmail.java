package dev.orderflow.emailworker.email;

import java.time.Instant;
import java.util.UUID;

/**
 * One email of an order and what became of it: {@code attempts} counts the sends started, {@code sentAt} is when the
 * SMTP server took it.
 */
public record SentEmail(UUID orderId, Kind kind, String recipient, String messageId, Status status, int attempts,
        Instant attemptedAt, Instant sentAt) {

    /** The address as logs and the API may show it: first letter and domain only. */
    public static String masked(String address) {
        if (address == null) {
            return null;
        }
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    /** Which email of the order: the confirmation of a new order, or the notice that it is cancelled. */
    public enum Kind {
        ORDER_CONFIRMATION, ORDER_CANCELLATION
    }

    /**
     * ATTEMPTED: about to be sent, or sent but not yet recorded; FAILED: the last send failed and will be retried;
     * SENT: accepted by the SMTP server (never sent again); SKIPPED: the order has no email address.
     */
    public enum Status {
        ATTEMPTED, FAILED, SENT, SKIPPED
    }
}
