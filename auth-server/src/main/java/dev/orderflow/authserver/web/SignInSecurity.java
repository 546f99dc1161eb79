package dev.orderflow.authserver.web;

import dev.orderflow.authserver.account.ScopesByRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server's endpoints (authorize, token, JWK set, discovery) in one chain; sign-in by form and
 * the open health probes and landing page in the other. Boot's defaults are the same but for the open paths and
 * {@link ScopesByRole}, which keeps {@code ops} for the operator.
 */
@Configuration(proxyBeanMethods = false)
class SignInSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
            server.authorizationEndpoint(endpoint -> endpoint.authenticationProviders(providers -> providers.stream()
                    .filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
                    .map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
                    .forEach(provider -> provider.setAuthenticationValidator(new ScopesByRole()))));
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // A browser that is not signed in is sent to the sign-in form; an API client gets a 401.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/livez", "/readyz", "/authorized", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }
}
