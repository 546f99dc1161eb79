package dev.orderflow.support.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * One filter chain for every service: health probes, the OpenAPI pages and Prometheus's scrape (served on the
 * management port, which is not published) open; dead letters and every other actuator endpoint for operations;
 * everything else needs a valid bearer token, and each endpoint names the scope it needs with
 * {@code @PreAuthorize}. Stateless: no session, no cookies, so no CSRF token either.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({TokenProperties.class, OAuth2ResourceServerProperties.class})
@EnableMethodSecurity
@Import(AccessDeniedProblems.class)
public class ResourceServerAutoConfiguration {

    /** Open to anyone who can reach the port. */
    static final List<String> OPEN_PATHS = List.of("/actuator/health", "/actuator/health/**", "/livez", "/readyz",
            "/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/error");

    @Bean
    SecurityFilterChain orderflowSecurityFilterChain(HttpSecurity http, TokenProperties tokens) throws Exception {
        List<String> open = new ArrayList<>(OPEN_PATHS);
        open.addAll(tokens.openPaths());
        ProblemResponses problems = new ProblemResponses();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Scopes.OPS)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    JwtDecoder orderflowJwtDecoder(OAuth2ResourceServerProperties properties, TokenProperties tokens) {
        return TokenDecoders.of(properties.getJwt(), tokens);
    }
}
