package dev.orderflow.support.security;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The token defaults of every service, with the lowest precedence: the local stack's authorization server as
 * issuer (unless an issuer or a JWK set URI is configured), and the audience {@code orderflow}, which that server
 * puts in every token and a production provider is configured to add (an empty value turns the check off).
 */
public class SecurityDefaults implements EnvironmentPostProcessor {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";
    /** ARCHITECTURE.md: the local stack's authorization server. */
    public static final String LOCAL_ISSUER = "http://127.0.0.1:9000";
    public static final String AUDIENCE = "orderflow";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (!environment.containsProperty(ISSUER_URI) && !environment.containsProperty(JWK_SET_URI)) {
            defaults.put(ISSUER_URI, LOCAL_ISSUER);
        }
        defaults.put(AUDIENCES, AUDIENCE);
        environment.getPropertySources().addLast(new MapPropertySource("orderflowSecurityDefaults", defaults));
    }
}
