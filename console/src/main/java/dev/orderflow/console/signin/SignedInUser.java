package dev.orderflow.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/** The signed-in person's access token, kept in the session: the console sends it on, the browser never sees it. */
@Component
public class SignedInUser {

    private final OAuth2AuthorizedClientRepository clients;

    SignedInUser(OAuth2AuthorizedClientRepository clients) {
        this.clients = clients;
    }

    /** The token to call order-service or a worker with; a 401 (and a fresh sign-in) once it has expired. */
    public String accessToken(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof OAuth2AuthenticationToken signIn) {
            OAuth2AuthorizedClient client = clients.loadAuthorizedClient(signIn.getAuthorizedClientRegistrationId(),
                    signIn, request);
            Instant expiresAt = client == null ? null : client.getAccessToken().getExpiresAt();
            if (client != null && (expiresAt == null || expiresAt.isAfter(Instant.now()))) {
                return client.getAccessToken().getTokenValue();
            }
        }
        // The local issuer gives no refresh tokens: a new sign-in is the way to a new token.
        request.getSession().invalidate();
        SecurityContextHolder.clearContext();
        throw new ErrorResponseException(HttpStatus.UNAUTHORIZED);
    }

    /** The customer id: the token's subject, as order-service takes it. */
    public String name() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
