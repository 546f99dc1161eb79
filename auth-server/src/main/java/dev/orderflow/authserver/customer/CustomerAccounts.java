package dev.orderflow.authserver.customer;

import dev.orderflow.authserver.AuthServerProperties;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Every customer id is an account, with the one demo password: the local stack has no sign-up, and any customer a
 * demo or a test names can sign in. The id becomes the token's subject, which order-service takes as the customer.
 */
@Component
class CustomerAccounts implements UserDetailsService {

    /** The ids order-service accepts as a customerId (1-64 characters), without spaces or separators. */
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final String encodedPassword;

    CustomerAccounts(AuthServerProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        this.encodedPassword = encoder.encode(properties.customerPassword());
    }

    @Override
    public UserDetails loadUserByUsername(String customerId) {
        if (customerId == null || !CUSTOMER_ID.matcher(customerId).matches()) {
            throw new UsernameNotFoundException("Not a customer id: 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        return User.withUsername(customerId).password(encodedPassword).roles("CUSTOMER").build();
    }
}
