package dev.orderflow.paymentworker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.paymentworker.payment.PaymentGateway.Charge;
import dev.orderflow.paymentworker.payment.PaymentGateway.ChargeRequest;
import dev.orderflow.paymentworker.payment.PaymentGateway.Refund;
import dev.orderflow.paymentworker.payment.PaymentGateway.RefundRefusedException;
import dev.orderflow.paymentworker.payment.PaymentGateway.RefundRequest;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class SimulatedPaymentGatewayTest {

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    JdbcClient jdbc;

    @Test
    void secondChargeWithTheSameKeyReturnsTheFirstResultWithoutChargingAgain() {
        String key = UUID.randomUUID().toString();
        Charge first = gateway.charge(new ChargeRequest(key, "customer-1", 1000, "EUR"));

        Charge second = gateway.charge(new ChargeRequest(key, "customer-1", 999_999_999, "EUR"));

        assertThat(second).isEqualTo(first);
        assertThat(first.approved()).isTrue();
        assertThat(jdbc.sql("SELECT amount_minor FROM simulated_gateway_charges WHERE idempotency_key = ?")
                .param(key).query(Long.class).list()).containsExactly(1000L);
    }

    @Test
    void refundPaysBackTheWholeChargeUnderItsOwnReference() {
        String key = UUID.randomUUID().toString();
        Charge charge = gateway.charge(new ChargeRequest(key, "customer-2", 2500, "GBP"));

        Refund refund = gateway.refund(new RefundRequest("refund:" + key, key));

        assertThat(refund.refunded()).isTrue();
        assertThat(refund.chargeReference()).isEqualTo(charge.reference());
        assertThat(refund.reference()).startsWith("sim_re_").isNotEqualTo(charge.reference());
        assertThat(refund.amountMinor()).isEqualTo(2500);
        assertThat(refund.currency()).isEqualTo("GBP");
    }

    @Test
    void secondRefundWithTheSameKeyReturnsTheFirstResultWithoutRefundingAgain() {
        String key = UUID.randomUUID().toString();
        gateway.charge(new ChargeRequest(key, "customer-3", 1000, "EUR"));
        Refund first = gateway.refund(new RefundRequest("refund:" + key, key));

        Refund second = gateway.refund(new RefundRequest("refund:" + key, key));

        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT requests FROM simulated_gateway_refunds WHERE charge_key = ?")
                .param(key).query(Integer.class).list()).containsExactly(2);
    }

    @Test
    void secondRefundOfOneChargeUnderAnotherKeyIsRefused() {
        String key = UUID.randomUUID().toString();
        gateway.charge(new ChargeRequest(key, "customer-4", 1000, "EUR"));
        gateway.refund(new RefundRequest("refund:" + key, key));

        assertThatThrownBy(() -> gateway.refund(new RefundRequest("another-refund:" + key, key)))
                .isInstanceOf(RefundRefusedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM simulated_gateway_refunds WHERE charge_key = ?")
                .param(key).query(Long.class).single()).isOne();
    }

    @Test
    void chargeThatWasNeverMadeOrWasDeclinedHasNothingToRefund() {
        String never = UUID.randomUUID().toString();
        String declined = UUID.randomUUID().toString();
        gateway.charge(new ChargeRequest(declined, "customer-5-declined", 1000, "EUR"));

        Refund nothing = gateway.refund(new RefundRequest("refund:" + never, never));
        Refund nothingEither = gateway.refund(new RefundRequest("refund:" + declined, declined));

        assertThat(nothing.refunded()).isFalse();
        assertThat(nothingEither.refunded()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM simulated_gateway_refunds WHERE charge_key IN (?, ?)")
                .params(never, declined).query(Long.class).single()).isZero();
    }
}
