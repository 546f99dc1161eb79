package dev.orderflow.support.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The decoder of every service: keys from the issuer's discovery document (or a JWK set URI), then expiry and
 * not-before within the configured skew, the issuer, and the audience when one is configured. Built on the first
 * token rather than at start-up, so a service starts (and takes its Kafka work) while the issuer is still down.
 */
final class TokenDecoders {

    private TokenDecoders() {
    }

    static JwtDecoder of(OAuth2ResourceServerProperties.Jwt jwt, TokenProperties tokens) {
        String issuer = jwt.getIssuerUri();
        String jwkSet = jwt.getJwkSetUri();
        if (isBlank(issuer) && isBlank(jwkSet)) {
            throw new IllegalStateException("No token issuer configured: set "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI (or ..._JWK_SET_URI)");
        }
        List<String> audiences = jwt.getAudiences().stream().filter(a -> !a.isBlank()).toList();
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = isBlank(jwkSet)
                    ? NimbusJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwkSet).build();
            List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
            validators.add(new JwtTimestampValidator(tokens.clockSkew()));
            if (!isBlank(issuer)) {
                validators.add(new JwtIssuerValidator(issuer));
            }
            if (!audiences.isEmpty()) {
                validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
            }
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
            return decoder;
        });
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
