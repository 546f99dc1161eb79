package dev.orderflow.orders;

import static dev.orderflow.orders.OrderAccessRulesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.orderflow.testsupport.TestIssuer;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each way a credential can be wrong, one by one: a 401 with {@code WWW-Authenticate: Bearer} and a problem body,
 * and nothing changed (the order the request tried to place does not exist).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres(database = "orders")
class BadCredentialsTest {

    /** Beyond the 30 s clock skew the services allow by default. */
    private static final Duration WELL_PAST_SKEW = Duration.ofMinutes(2);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    OrderApi api;
    String customer;

    @BeforeEach
    void customer() {
        api = new OrderApi(port);
        customer = "mallory-" + UUID.randomUUID();
    }

    /** A name, the reason the problem body gives, and the Authorization header (null: none) for the test's customer. */
    static Stream<Arguments> badCredentials() {
        TestIssuer issuer = TestIssuer.get();
        Instant now = Instant.now();
        return Stream.of(
                bad("no Authorization header", "A bearer token is required", customer -> null),
                bad("an expired token", "Jwt expired", customer -> bearer(issuer.sign(issuer.claims(customer, "orders")
                        .issueTime(Date.from(now.minus(Duration.ofHours(1))))
                        .notBeforeTime(Date.from(now.minus(Duration.ofHours(1))))
                        .expirationTime(Date.from(now.minus(WELL_PAST_SKEW))).build()))),
                bad("a token not yet valid", "Jwt used before",
                        customer -> bearer(issuer.sign(issuer.claims(customer, "orders")
                        .notBeforeTime(Date.from(now.plus(WELL_PAST_SKEW))).build()))),
                bad("a token of another issuer", "iss claim is not valid",
                        customer -> bearer(issuer.sign(issuer.claims(customer, "orders")
                        .issuer("https://issuer.example.com").build()))),
                bad("a token for another audience", "aud claim is not valid",
                        customer -> bearer(issuer.sign(issuer.claims(customer, "orders")
                        .audience(List.of("another-api")).build()))),
                bad("a token signed by a key the issuer never published", "Invalid signature", customer -> bearer(
                        issuer.signWithForeignKey(issuer.claims(customer, "orders").build()))),
                bad("an unsigned token (alg: none)", "Unsupported algorithm of none", customer -> bearer(
                        TestIssuer.unsigned(issuer.claims(customer, "orders").build()))),
                bad("a token whose payload was altered after signing", "Invalid signature", customer -> tampered(
                        issuer.customer("someone-else"), issuer.claims(customer, "orders").build())),
                bad("a garbage bearer token", "Malformed token", customer -> "Bearer not.a.jwt"),
                bad("a bearer scheme without a token", "malformed", customer -> "Bearer "),
                bad("another scheme (Basic)", "A bearer token is required",
                        customer -> "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((customer + ":password").getBytes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void isRefusedWith401AndAProblemBodyAndPlacesNothing(String name, String reason,
            Function<String, String> authorization) {
        OrderApi caller = api.withAuthorization(authorization.apply(customer));

        HttpResponse<String> placed = caller.post(OrderApi.order(customer));
        HttpResponse<String> listed = caller.get("/orders?customerId=" + customer);

        assertProblem(placed, 401);
        assertProblem(listed, 401);
        assertThat(placed.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(OrderApi.json(placed).get("detail").asString()).contains(reason);
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isZero();
    }

    private static Arguments bad(String name, String reason, Function<String, String> authorization) {
        return Arguments.of(name, reason, authorization);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A valid token's header and signature around another payload. */
    private static String tampered(String valid, JWTClaimsSet payload) {
        String[] parts = valid.split("\\.");
        String body = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "Bearer " + parts[0] + "." + body + "." + parts[2];
    }
}
