package dev.orderflow.authserver.account;

import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * A signed-in person gets only the scopes of their role: {@code ops} only for the operator, {@code orders} only for
 * customers. A client's registration says what it may ask for; this says who may have it, since a scope granted
 * through the authorization code flow would otherwise go to anyone who can sign in.
 */
public final class ScopesByRole implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private static final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> SPRING_DEFAULTS =
            new OAuth2AuthorizationCodeRequestAuthenticationValidator();

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        SPRING_DEFAULTS.accept(context);
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        // Before sign-in the request is checked once without a person; it comes back here after the sign-in.
        if (!(request.getPrincipal() instanceof Authentication person) || !person.isAuthenticated()
                || person instanceof AnonymousAuthenticationToken) {
            return;
        }
        Set<String> scopes = request.getScopes();
        if (scopes.contains("ops") && !has(person, Accounts.OPERATOR)
                || scopes.contains("orders") && !has(person, Accounts.CUSTOMER)) {
            OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    "User " + person.getName() + " may not have the scopes " + scopes, null);
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, request);
        }
    }

    private static boolean has(Authentication person, String role) {
        return person.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
