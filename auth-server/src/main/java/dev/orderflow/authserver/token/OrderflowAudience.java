package dev.orderflow.authserver.token;

import dev.orderflow.authserver.AuthServerProperties;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the services' audience in every access token beside the client id Spring Authorization Server writes
 * there, so the services can refuse tokens minted for another API.
 */
@Component
class OrderflowAudience implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final String audience;

    OrderflowAudience(AuthServerProperties properties) {
        this.audience = properties.audience();
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        Set<String> audiences = new LinkedHashSet<>();
        audiences.add(audience);
        audiences.add(context.getRegisteredClient().getClientId());
        context.getClaims().audience(audiences.stream().toList());
    }
}
