package dev.orderflow.smsworker.message;

import java.time.Instant;
import java.util.UUID;

/** What sms-worker did for one order; {@code phone} is the E.164 number texted, kept here but never logged. */
public record SentMessage(UUID orderId, Status status, String phone, String text, String providerMessageId,
        String skipReason, Instant recordedAt) {

    /** SENT: accepted by the provider; LOGGED: no provider configured; SKIPPED: no usable phone number. */
    public enum Status {
        SENT, LOGGED, SKIPPED
    }

    /** The number as logs and the API may show it: country code and last three digits. */
    public static String masked(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 6 ? "***" : phone.substring(0, 3) + "*".repeat(phone.length() - 6)
                + phone.substring(phone.length() - 3);
    }
}
