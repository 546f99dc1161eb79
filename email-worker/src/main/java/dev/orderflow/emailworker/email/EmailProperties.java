package dev.orderflow.emailworker.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The order emails ({@code orderflow.email.*}); the SMTP server itself is Spring's {@code spring.mail.*}.
 *
 * @param from the sender address
 * @param messageIdDomain the right-hand side of each Message-ID, {@code <order-{orderId}@{messageIdDomain}>} for the
 *     confirmation, {@code <order-{orderId}-cancellation@{messageIdDomain}>} for the cancellation notice
 */
@Validated
@ConfigurationProperties("orderflow.email")
public record EmailProperties(
        @NotBlank @Email @DefaultValue("orders@orderflow.example") String from,
        @NotBlank @DefaultValue("orderflow") String messageIdDomain) {
}
