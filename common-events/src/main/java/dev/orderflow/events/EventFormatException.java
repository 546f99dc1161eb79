package dev.orderflow.events;

/**
 * A record cannot be read as an event: bad JSON, a missing or mistyped field, or an unknown type or version.
 * It is never worth retrying; consumers send the record to their dead-letter topic at once.
 */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
