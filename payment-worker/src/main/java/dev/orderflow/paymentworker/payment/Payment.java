package dev.orderflow.paymentworker.payment;

import java.util.UUID;

/** The result of charging one order. */
public record Payment(UUID orderId, String customerId, long amountMinor, String currency, Status status,
        String gatewayReference, String declineReason) {

    /** Whether the charge went through. */
    public enum Status {
        SUCCEEDED, DECLINED
    }
}
