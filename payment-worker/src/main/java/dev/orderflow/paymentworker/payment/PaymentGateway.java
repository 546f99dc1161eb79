package dev.orderflow.paymentworker.payment;

import java.util.UUID;

/**
 * A payment provider. Charging twice with one idempotency key charges once: the second call returns the first
 * call's result. That is what lets payment-worker call it again after a crash before its own commit. Refunds work
 * the same way, under a key of their own.
 */
public interface PaymentGateway {

    Charge charge(ChargeRequest request);

    /**
     * Pays back, in full, the charge made under {@code request.chargeKey()}. Refunding twice with one idempotency key
     * refunds once: the second call returns the first call's result. A charge that was never made, or was declined,
     * has nothing to pay back: the answer says so ({@link Refund#refunded()} false), it is not an error. A second
     * refund of one charge under another idempotency key is refused with {@link RefundRefusedException}.
     */
    Refund refund(RefundRequest request);

    /** What to charge; the order id is the idempotency key. */
    record ChargeRequest(String idempotencyKey, String customerId, long amountMinor, String currency) {
    }

    /** The provider's answer: approved with its reference, or declined with a reason. */
    record Charge(boolean approved, String reference, String declineReason) {
    }

    /** Which charge to pay back, and the refund's own idempotency key. */
    record RefundRequest(String idempotencyKey, String chargeKey) {

        /** The refund of an order's charge: charged under the order id, refunded under {@code refund:<orderId>}. */
        public static RefundRequest ofOrder(UUID orderId) {
            return new RefundRequest("refund:" + orderId, orderId.toString());
        }
    }

    /**
     * The provider's answer: the charge (its reference, amount and currency) was paid back under the refund's own
     * reference, or there was no approved charge under that key and nothing was paid back.
     */
    record Refund(boolean refunded, String reference, String chargeReference, long amountMinor, String currency) {

        public static Refund nothingCharged() {
            return new Refund(false, null, null, 0, null);
        }
    }

    /** The provider refused a refund, e.g. because the charge was already paid back under another key. */
    class RefundRefusedException extends RuntimeException {

        public RefundRefusedException(String message) {
            super(message);
        }
    }
}
