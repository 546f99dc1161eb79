package dev.orderflow.support.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are checked beyond what Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*} says
 * (issuer URI or JWK set URI, audiences).
 *
 * @param clockSkew how far the caller's issuer clock may drift from ours when expiry and not-before are checked
 * @param openPaths paths anyone may call without a token, besides health probes and the API docs
 */
@ConfigurationProperties("orderflow.security")
public record TokenProperties(@DefaultValue("30s") Duration clockSkew, @DefaultValue List<String> openPaths) {

    public TokenProperties {
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("orderflow.security.clock-skew must be between 0 and 5 minutes, was "
                    + clockSkew);
        }
    }
}
