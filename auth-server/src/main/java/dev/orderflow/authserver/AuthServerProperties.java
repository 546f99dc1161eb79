package dev.orderflow.authserver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo identity provider's settings.
 *
 * @param customerPassword the one password every customer id signs in with: a local-stack default, never a secret
 * @param audience the audience put in every access token, as the services expect it ({@code orderflow})
 * @param operatorUsername the one person who signs in as operations (scope {@code ops}), e.g. in the console
 * @param operatorPassword the operator's password: a local-stack default, never a secret
 */
@ConfigurationProperties("orderflow.auth")
public record AuthServerProperties(@DefaultValue("local-demo") String customerPassword,
        @DefaultValue("orderflow") String audience, @DefaultValue("operator") String operatorUsername,
        @DefaultValue("local-operator") String operatorPassword) {

    public AuthServerProperties {
        if (customerPassword.isBlank()) {
            throw new IllegalArgumentException("orderflow.auth.customer-password must not be blank");
        }
        if (operatorPassword.isBlank()) {
            throw new IllegalArgumentException("orderflow.auth.operator-password must not be blank");
        }
    }
}
