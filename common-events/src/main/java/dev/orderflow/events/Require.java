package dev.orderflow.events;

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

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
