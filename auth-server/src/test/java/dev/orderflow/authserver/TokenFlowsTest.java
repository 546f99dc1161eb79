package dev.orderflow.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.TokenClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tokens the local stack hands out, fetched as {@code scripts/token} fetches them (over HTTP, sign-in form and
 * all) and decoded by a resource server's decoder from the issuer's own discovery document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TokenFlowsTest {

    static final int PORT = FreePorts.any();
    static final String ISSUER = "http://127.0.0.1:" + PORT;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.security.oauth2.authorizationserver.issuer", () -> ISSUER);
        // The customer client's redirect URI is the issuer's own landing page.
        registry.add("spring.security.oauth2.authorizationserver.client.customer.registration.redirect-uris",
                () -> ISSUER + "/authorized");
        registry.add("spring.security.oauth2.authorizationserver.client.operations.registration.redirect-uris",
                () -> ISSUER + "/authorized");
    }

    final TokenClient tokens = new TokenClient(ISSUER);

    /** As a resource server decodes it: keys found through the issuer's discovery document. */
    static Jwt decode(String token) {
        JwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(ISSUER).build();
        return decoder.decode(token);
    }

    @Test
    void aCustomerSignsInAndItsTokenNamesItAsSubjectWithTheOrdersScope() {
        Jwt token = decode(tokens.customer("ada-1", TokenClient.CUSTOMER_PASSWORD));

        assertThat(token.getSubject()).isEqualTo("ada-1");
        assertThat(token.getIssuer()).hasToString(ISSUER);
        assertThat(token.getAudience()).contains("orderflow");
        assertThat(token.<Object>getClaim("scope").toString()).contains("orders");
    }

    @Test
    void theOperatorSignsInForTheOpsScope() {
        Jwt token = decode(tokens.signIn(TokenClient.OPERATIONS_CLIENT, "openid ops", TokenClient.OPERATOR,
                TokenClient.OPERATOR_PASSWORD));

        assertThat(token.getSubject()).isEqualTo("operator");
        assertThat(token.getClaimAsStringList("scope")).contains("ops").doesNotContain("orders");
    }

    @Test
    void aCustomerIsNotGivenTheOpsScopeThroughTheOperationsClient() {
        assertThatThrownBy(() -> tokens.signIn(TokenClient.OPERATIONS_CLIENT, "openid ops", "ada-1",
                TokenClient.CUSTOMER_PASSWORD)).hasMessageContaining("access_denied");
    }

    @Test
    void theOperatorIsNoCustomer() {
        assertThatThrownBy(() -> tokens.customer(TokenClient.OPERATOR, TokenClient.OPERATOR_PASSWORD))
                .hasMessageContaining("access_denied");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> tokens.customer("ada-1", "not-the-password"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Sign-in refused");
    }

    @Test
    void supportAndOperationsGetTheirScopesByClientCredentials() {
        Jwt support = decode(tokens.clientCredentials(TokenClient.SUPPORT_CLIENT, TokenClient.SUPPORT_SECRET,
                "orders:read-all"));
        Jwt ops = decode(tokens.clientCredentials(TokenClient.OPS_CLIENT, TokenClient.OPS_SECRET, "ops"));

        assertThat(support.getClaimAsStringList("scope")).containsExactly("orders:read-all");
        assertThat(ops.getClaimAsStringList("scope")).containsExactly("ops");
        assertThat(ops.getAudience()).contains("orderflow");
    }

    @Test
    void aClientCannotAskForAScopeItWasNotGiven() {
        assertThatThrownBy(() -> tokens.clientCredentials(TokenClient.OPS_CLIENT, TokenClient.OPS_SECRET,
                "orders:read-all")).hasMessageContaining("invalid_scope");
    }

    @Test
    void aWrongClientSecretGetsNoToken() {
        assertThatThrownBy(() -> tokens.clientCredentials(TokenClient.OPS_CLIENT, "guessed", "ops"))
                .hasMessageContaining("401");
    }
}
