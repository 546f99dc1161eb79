package dev.orderflow.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A real OpenID Connect issuer for tests, one per JVM: an HTTP server on loopback that publishes its discovery
 * document and JWK set, and signs tokens with its RSA key. Services under test validate these tokens as they would
 * a production provider's (discovery by issuer URI, signature, expiry, audience); nothing is switched off.
 */
public final class TestIssuer {

    /** The audience the services expect by default (service-support's {@code orderflow.security} defaults). */
    public static final String AUDIENCE = "orderflow";
    /** Where a Spring Boot resource server takes its issuer from. */
    public static final String ISSUER_URI_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private static volatile TestIssuer instance;

    private final RSAKey key;
    private final HttpServer server;
    private final String uri;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.uri = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The issuer of this JVM, started on first use. */
    public static TestIssuer get() {
        if (instance == null) {
            synchronized (TestIssuer.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    /** The issuer URI, as {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} takes it. */
    public String uri() {
        return uri;
    }

    /** A customer's token: subject {@code customerId}, scope {@code orders}. */
    public String customer(String customerId) {
        return sign(claims(customerId, "orders").build());
    }

    /** A support agent's token: scope {@code orders:read-all}. */
    public String support() {
        return sign(claims("support-agent", "orders:read-all").build());
    }

    /** An operator's token: scope {@code ops}. */
    public String ops() {
        return sign(claims("operator", "ops").build());
    }

    /** A token with the subject and scopes given (space-separated, as OAuth2 writes them). */
    public String token(String subject, String scopes) {
        return sign(claims(subject, scopes).build());
    }

    /** A token valid for {@code lifetime}, e.g. a benchmark's, minted before a run that outlasts the default. */
    public String token(String subject, String scopes, Duration lifetime) {
        return sign(claims(subject, scopes).expirationTime(Date.from(Instant.now().plus(lifetime))).build());
    }

    /** The claims of a valid token, for a test that breaks one of them before signing with {@link #sign}. */
    public JWTClaimsSet.Builder claims(String subject, String scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(uri)
                .subject(subject)
                .audience(List.of(AUDIENCE))
                .claim("scope", scopes)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs with this issuer's published key. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signs with a key of the same id that the issuer never published: a forged token. */
    public String signWithForeignKey(JWTClaimsSet claims) {
        return sign(claims, newKey(key.getKeyID()));
    }

    /** The same claims, unsigned ({@code alg: none}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestIssuer start() {
        RSAKey key = newKey("test-" + UUID.randomUUID());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            TestIssuer issuer = new TestIssuer(key, server);
            String discovery = """
                    {"issuer":"%1$s","jwks_uri":"%1$s/jwks","subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"],"response_types_supported":["code"]}
                    """.formatted(issuer.uri);
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            server.createContext("/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
            server.createContext("/jwks", exchange -> reply(exchange, jwks));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-issuer-stop"));
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
