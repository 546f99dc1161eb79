package dev.orderflow.support.security;

/**
 * The scopes of ARCHITECTURE.md's security table, as the authorities Spring Security makes of a token's
 * {@code scope} claim; {@code @PreAuthorize} expressions name them as {@code T(dev.orderflow.support.security.Scopes)}
 * constants or as these literal strings.
 */
public final class Scopes {

    /** A customer: its own orders. The token's subject is the customer id. */
    public static final String ORDERS = "SCOPE_orders";
    /** Support: reads every order. */
    public static final String ORDERS_READ_ALL = "SCOPE_orders:read-all";
    /** Operations: stock, dead letters, every worker's read endpoints. */
    public static final String OPS = "SCOPE_ops";

    private Scopes() {
    }
}
