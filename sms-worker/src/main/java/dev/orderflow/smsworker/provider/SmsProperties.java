package dev.orderflow.smsworker.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMS provider ({@code orderflow.sms.*}; {@code ORDERFLOW_SMS_BASE_URL}, {@code ORDERFLOW_SMS_TOKEN}, ...).
 *
 * @param baseUrl the provider API's base URL; empty means no provider: texts are only logged
 * @param token the bearer token sent with every request; empty means none
 * @param sender the sender name or number shown to the customer
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer; a timeout fails the attempt and the core retries it
 * @param maxConnections how many requests may be in flight to the provider at once (kept-alive connections); at
 *                       1,000 texts a second and a 250 ms answer, 250 are
 */
@Validated
@ConfigurationProperties("orderflow.sms")
public record SmsProperties(
        String baseUrl,
        String token,
        @NotBlank @DefaultValue("orderflow") String sender,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("5s") Duration readTimeout,
        @Positive @DefaultValue("500") int maxConnections) {

    boolean providerConfigured() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
