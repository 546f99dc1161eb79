package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Contract checks shared by the event records; a violation makes the record unreadable, not half-read. */
final class Require {

    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    private Require() {
    }

    static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String currency(String value, String field) {
        if (value == null || !ISO_4217.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be an ISO 4217 code, was " + value);
        }
        return value;
    }

    static void saga(UUID eventId, UUID orderId, String customerId, Instant occurredAt) {
        nonNull(eventId, "eventId");
        nonNull(orderId, "orderId");
        nonBlank(customerId, "customerId");
        nonNull(occurredAt, "occurredAt");
    }

    static <T> List<T> nonEmpty(List<T> values, String field) {
        nonNull(values, field);
        that(!values.isEmpty(), field + " must not be empty");
        values.forEach(value -> nonNull(value, field + "[]"));
        return List.copyOf(values);
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
