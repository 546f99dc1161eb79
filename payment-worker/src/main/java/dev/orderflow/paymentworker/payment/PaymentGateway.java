package dev.orderflow.paymentworker.payment;

/**
 * A payment provider. Charging twice with one idempotency key charges once: the second call returns the first
 * call's result. That is what lets payment-worker call it again after a crash before its own commit.
 */
public interface PaymentGateway {

    Charge charge(ChargeRequest request);

    /** What to charge; the order id is the idempotency key. */
    record ChargeRequest(String idempotencyKey, String customerId, long amountMinor, String currency) {
    }

    /** The provider's answer: approved with its reference, or declined with a reason. */
    record Charge(boolean approved, String reference, String declineReason) {
    }
}
