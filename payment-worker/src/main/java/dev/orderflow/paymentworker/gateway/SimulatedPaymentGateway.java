package dev.orderflow.paymentworker.gateway;

import dev.orderflow.paymentworker.payment.PaymentGateway;
import dev.orderflow.worker.GroupedWrites;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A payment provider simulated in-process: waits its latency, declines by a fixed rule, and stores each charge and
 * each refund by idempotency key in {@code simulated_gateway_charges} and {@code simulated_gateway_refunds}
 * (committed before the answer, outside the worker's transaction, as a remote provider's records would be), so a
 * repeated key, even after a restart, gets the first answer and no new charge or refund; a charge is refunded at most
 * once. Its writes are committed in groups with the other lanes' ({@link GroupedWrites}): the simulation stands in
 * for a provider with its own database, and should not cost the worker's PostgreSQL a commit per order.
 */
@Component
class SimulatedPaymentGateway implements PaymentGateway {

    private final SimulatedGatewayProperties properties;
    private final JdbcClient jdbc;
    private final GroupedWrites writes;

    SimulatedPaymentGateway(SimulatedGatewayProperties properties, JdbcClient jdbc, GroupedWrites writes) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @Override
    public Charge charge(ChargeRequest request) {
        waitLatency();
        String declineReason = declineReasonFor(request);
        // One statement: the first request inserts its answer, a repeat only counts itself and reads that answer.
        return writes.commit(() -> jdbc.sql("""
                        INSERT INTO simulated_gateway_charges
                            (idempotency_key, amount_minor, currency, status, reference, decline_reason)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (idempotency_key)
                            DO UPDATE SET requests = simulated_gateway_charges.requests + 1
                        RETURNING status, reference, decline_reason""")
                .params(request.idempotencyKey(), request.amountMinor(), request.currency(),
                        declineReason == null ? "APPROVED" : "DECLINED", "sim_" + UUID.randomUUID(), declineReason)
                .query((rs, row) -> new Charge("APPROVED".equals(rs.getString("status")), rs.getString("reference"),
                        rs.getString("decline_reason")))
                .single());
    }

    @Override
    public Refund refund(RefundRequest request) {
        waitLatency();
        try {
            // One statement again: refunds the approved charge of that key in full, or repeats the first answer for
            // this refund key; no approved charge means no row and nothing refunded.
            return writes.commit(() -> jdbc.sql("""
                            WITH charge AS (
                                SELECT idempotency_key, amount_minor, currency, reference
                                FROM simulated_gateway_charges WHERE idempotency_key = :chargeKey AND status = 'APPROVED'
                            ), refund AS (
                                INSERT INTO simulated_gateway_refunds
                                    (idempotency_key, charge_key, amount_minor, currency, reference)
                                SELECT :key, idempotency_key, amount_minor, currency, :reference FROM charge
                                ON CONFLICT (idempotency_key)
                                    DO UPDATE SET requests = simulated_gateway_refunds.requests + 1
                                RETURNING charge_key, amount_minor, currency, reference
                            )
                            SELECT refund.reference, charge.reference AS charge_reference, refund.amount_minor,
                                   refund.currency
                            FROM refund JOIN charge ON charge.idempotency_key = refund.charge_key""")
                    .param("chargeKey", request.chargeKey())
                    .param("key", request.idempotencyKey())
                    .param("reference", "sim_re_" + UUID.randomUUID())
                    .query((rs, row) -> new Refund(true, rs.getString("reference"), rs.getString("charge_reference"),
                            rs.getLong("amount_minor"), rs.getString("currency")))
                    .optional())
                    .orElseGet(Refund::nothingCharged);
        } catch (DuplicateKeyException e) {
            // The charge's unique refund row exists under another idempotency key.
            throw new RefundRefusedException("Charge " + request.chargeKey() + " is already refunded; refund "
                    + request.idempotencyKey() + " refused");
        }
    }

    private String declineReasonFor(ChargeRequest request) {
        if (properties.declineCustomers().matcher(request.customerId()).matches()) {
            return "CARD_DECLINED";
        }
        if (request.amountMinor() > properties.declineAboveMinor()) {
            return "INSUFFICIENT_FUNDS";
        }
        return null;
    }

    private void waitLatency() {
        try {
            Thread.sleep(properties.latency());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the payment gateway", e);
        }
    }
}
