package dev.orderflow.paymentworker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.paymentworker.payment.PaymentGateway.Charge;
import dev.orderflow.paymentworker.payment.PaymentGateway.ChargeRequest;
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
}
