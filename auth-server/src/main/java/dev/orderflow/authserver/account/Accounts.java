package dev.orderflow.authserver.account;

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
 * Who can sign in: the one operator (role {@code OPS}, its own password), and every other id as a customer with
 * the one demo password: the local stack has no sign-up, and any customer a demo or a test names can sign in. The
 * id becomes the token's subject, which order-service takes as the customer.
 */
@Component
class Accounts implements UserDetailsService {

    static final String CUSTOMER = "CUSTOMER";
    static final String OPERATOR = "OPS";

    /** The ids order-service accepts as a customerId (1-64 characters), without spaces or separators. */
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final String encodedCustomerPassword;
    private final String operator;
    private final String encodedOperatorPassword;

    Accounts(AuthServerProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        this.encodedCustomerPassword = encoder.encode(properties.customerPassword());
        this.operator = properties.operatorUsername();
        this.encodedOperatorPassword = encoder.encode(properties.operatorPassword());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (operator.equals(username)) {
            return User.withUsername(username).password(encodedOperatorPassword).roles(OPERATOR).build();
        }
        if (username == null || !CUSTOMER_ID.matcher(username).matches()) {
            throw new UsernameNotFoundException("Not a customer id: 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        return User.withUsername(username).password(encodedCustomerPassword).roles(CUSTOMER).build();
    }
}
