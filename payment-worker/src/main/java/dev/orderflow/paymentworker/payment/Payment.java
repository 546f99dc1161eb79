package dev.orderflow.paymentworker.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of charging one order, and its refund if the order was cancelled after the charge
 * ({@code refundReference} and {@code refundedAt} are null until then).
 */
public record Payment(UUID orderId, UUID paymentId, String customerId, long amountMinor, String currency,
        Status status, String gatewayReference, String declineReason, String refundReference, Instant refundedAt) {

    /** Whether the charge went through, or was never made because the order was cancelled first. */
    public enum Status {
        SUCCEEDED, DECLINED, SKIPPED
    }

    /** A charge that went through and has not been paid back: what a cancellation has to refund. */
    public boolean refundable() {
        return status == Status.SUCCEEDED && refundedAt == null;
    }

    public boolean refunded() {
        return refundedAt != null;
    }
}
