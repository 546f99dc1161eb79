package dev.orderflow.worker;

/**
 * Thrown by a handler's {@code perform} when its external provider is down as a whole (a 5xx or 429 answer, a timeout,
 * a refused connection), not refusing this one order. The core treats it like an unreachable database: after the
 * bounded retries the record is not dead-lettered but consumed again after a pause, so an outage delays work instead
 * of dead-lettering every order that arrives during it.
 */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
