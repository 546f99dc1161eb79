package dev.orderflow.console.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what: the page and health are open; {@code /api/orders} needs a customer's sign-in (scope
 * {@code orders}), {@code /api/operations} an operator's (scope {@code ops}). The page's API calls get a 401 instead
 * of a redirect to the authorization server, so the page can offer the sign-in choice itself.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/index.html", "/assets/**", "/livez", "/readyz",
                                "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/orders", "/api/orders/**").hasAuthority("SCOPE_orders")
                        .requestMatchers("/api/operations/**").hasAuthority("SCOPE_ops")
                        .anyRequest().authenticated())
                // The page itself offers the two sign-ins, so there is no generated login page.
                .oauth2Login(login -> login.loginPage("/").defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                // The page sends the XSRF-TOKEN cookie's value back as a header on every POST.
                .csrf(csrf -> csrf.spa())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.pathPattern("/api/**")));
        return http.build();
    }
}
