package dev.orderflow.paymentworker.gateway;

import dev.orderflow.paymentworker.payment.PaymentGateway;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A payment provider simulated in-process: waits its latency, declines by a fixed rule, and stores each charge by
 * idempotency key in {@code simulated_gateway_charges} (auto-commit, outside the worker's transaction, as a remote
 * provider's records would be), so a repeated key, even after a restart, gets the first answer and no new charge.
 */
@Component
class SimulatedPaymentGateway implements PaymentGateway {

    private final SimulatedGatewayProperties properties;
    private final JdbcClient jdbc;

    SimulatedPaymentGateway(SimulatedGatewayProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Override
    public Charge charge(ChargeRequest request) {
        waitLatency();
        String declineReason = declineReasonFor(request);
        // One statement: the first request inserts its answer, a repeat only counts itself and reads that answer.
        return jdbc.sql("""
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
                .single();
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
