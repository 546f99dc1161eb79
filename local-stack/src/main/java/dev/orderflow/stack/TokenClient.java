package dev.orderflow.stack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets access tokens from the local stack's authorization server the standard ways: a customer signs in by the
 * authorization code flow with PKCE (the sign-in form filled in as a browser would), support and operations by
 * client credentials. {@code scripts/token} runs {@link #main}; the credentials are the local stack's defaults.
 *
 * <pre>usage: TokenClient customer &lt;customerId&gt;... | support | ops</pre>
 */
public final class TokenClient {

    /** ARCHITECTURE.md: the local stack's authorization server. */
    public static final String LOCAL_ISSUER = "http://127.0.0.1:9000";
    /** The local-stack defaults of auth-server's application.yml (not secrets). */
    public static final String CUSTOMER_CLIENT = "orderflow-customer";
    public static final String CUSTOMER_PASSWORD = "local-demo";
    public static final String SUPPORT_CLIENT = "orderflow-support";
    public static final String SUPPORT_SECRET = "local-support-secret";
    public static final String OPS_CLIENT = "orderflow-ops";
    public static final String OPS_SECRET = "local-ops-secret";
    /** The console's operations sign-in: the one operator account, by authorization code with PKCE. */
    public static final String OPERATIONS_CLIENT = "orderflow-operations";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "local-operator";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final URI issuer;

    public TokenClient(String issuer) {
        this.issuer = URI.create(issuer.endsWith("/") ? issuer : issuer + "/");
    }

    public static void main(String[] args) {
        TokenClient client = new TokenClient(env("ORDERFLOW_AUTH_URL", LOCAL_ISSUER));
        try {
            String token = switch (args.length == 0 ? "" : args[0]) {
                case "customer" -> {
                    if (args.length < 2) {
                        throw new IllegalArgumentException("usage: scripts/token customer <customerId>...");
                    }
                    String password = env("ORDERFLOW_AUTH_CUSTOMER_PASSWORD", CUSTOMER_PASSWORD);
                    if (args.length == 2) {
                        yield client.customer(args[1], password);
                    }
                    // Several customers: one line each, "<customerId> <token>", from one JVM (scripts/load-orders).
                    StringBuilder lines = new StringBuilder();
                    for (int i = 1; i < args.length; i++) {
                        lines.append(i > 1 ? "\n" : "").append(args[i]).append(' ')
                                .append(client.customer(args[i], password));
                    }
                    yield lines.toString();
                }
                case "support" -> client.clientCredentials(SUPPORT_CLIENT,
                        env("ORDERFLOW_AUTH_SUPPORT_SECRET", SUPPORT_SECRET), "orders:read-all");
                case "ops" -> client.clientCredentials(OPS_CLIENT, env("ORDERFLOW_AUTH_OPS_SECRET", OPS_SECRET),
                        "ops");
                default -> throw new IllegalArgumentException(
                        "usage: scripts/token customer <customerId> | support | ops");
            };
            System.out.println(token);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("token: " + e.getMessage());
            System.exit(1);
        }
    }

    /** A customer's access token (subject = customerId, scope {@code orders}), by authorization code with PKCE. */
    public String customer(String customerId, String password) {
        return signIn(CUSTOMER_CLIENT, "openid orders", customerId, password);
    }

    /**
     * A person's access token through a public client, by authorization code with PKCE: the sign-in form filled in
     * as a browser would.
     */
    public String signIn(String clientId, String scope, String customerId, String password) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = randomUrlSafe(32);
        String redirectUri = issuer.resolve("authorized").toString();
        URI authorize = issuer.resolve("oauth2/authorize?" + form(Map.of(
                "response_type", "code",
                "client_id", clientId,
                "scope", scope,
                "redirect_uri", redirectUri,
                "state", randomUrlSafe(12),
                "code_challenge", challengeOf(verifier),
                "code_challenge_method", "S256")));

        HttpResponse<String> toLogin = send(http, html(authorize).GET().build());
        URI login = location(toLogin, authorize);
        Matcher csrf = CSRF.matcher(send(http, html(login).GET().build()).body());
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page at " + login + " has no CSRF field");
        }
        HttpResponse<String> signedIn = send(http, html(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "username", customerId, "password", password, "_csrf", csrf.group(1)))))
                .build());
        URI afterLogin = location(signedIn, login);
        if (afterLogin.toString().contains("error")) {
            throw new IllegalStateException("Sign-in refused for customer '" + customerId + "' (a customer id is 1-64"
                    + " letters, digits, '.', '_', '@' or '-'; the password is the local default)");
        }
        URI redirected = location(send(http, html(afterLogin).GET().build()), afterLogin);
        Matcher code = CODE.matcher(redirected.toString());
        if (!code.find()) {
            throw new IllegalStateException("No authorization code in the redirect to " + redirected);
        }
        return token(http, HttpRequest.newBuilder(issuer.resolve("oauth2/token")), form(Map.of(
                "grant_type", "authorization_code",
                "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                "redirect_uri", redirectUri,
                "client_id", clientId,
                "code_verifier", verifier)));
    }

    /** A token for a confidential client (support, operations) by client credentials. */
    public String clientCredentials(String clientId, String secret, String scope) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(issuer.resolve("oauth2/token"))
                .header("Authorization", "Basic " + basic);
        return token(http, request, form(Map.of("grant_type", "client_credentials", "scope", scope)));
    }

    private String token(HttpClient http, HttpRequest.Builder request, String body) {
        HttpResponse<String> answer = send(http, request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("The token endpoint answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return token.group(1);
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("No authorization server answers at " + issuer
                    + " (is the local stack running? scripts/run-local): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder html(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "text/html");
    }

    private static URI location(HttpResponse<String> response, URI from) {
        return response.headers().firstValue("Location").map(from::resolve).orElseThrow(() -> new IllegalStateException(
                "Expected a redirect from " + from + ", got " + response.statusCode()));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
