package dev.orderflow.paymentworker.gateway;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated gateway ({@code orderflow.payment.gateway.*}).
 *
 * @param latency how long each charge and each refund takes, as a remote provider would
 * @param declineAboveMinor totals above this many minor units are declined ({@code INSUFFICIENT_FUNDS})
 * @param declineCustomers customers whose id matches this pattern are declined ({@code CARD_DECLINED})
 */
@Validated
@ConfigurationProperties("orderflow.payment.gateway")
public record SimulatedGatewayProperties(
        @NotNull @DefaultValue("200ms") Duration latency,
        @Min(0) @DefaultValue("1000000") long declineAboveMinor,
        @NotNull @DefaultValue(".*-declined") Pattern declineCustomers) {
}
