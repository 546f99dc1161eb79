package dev.orderflow.orders.order.web;

import dev.orderflow.orders.order.Order;
import dev.orderflow.support.security.Scopes;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who calls, from the bearer token: a customer (the token's subject is its customer id) sees only its own orders;
 * support ({@code orders:read-all}) reads every order.
 */
record Caller(String subject, boolean readsEveryOrder) {

    static Caller of(JwtAuthenticationToken token) {
        boolean support = token.getAuthorities().stream().anyMatch(a -> Scopes.ORDERS_READ_ALL.equals(a.getAuthority()));
        return new Caller(token.getToken().getSubject(), support);
    }

    boolean mayRead(Order order) {
        return readsEveryOrder || owns(order);
    }

    boolean owns(Order order) {
        return isCustomer(order.customerId());
    }

    boolean isCustomer(String customerId) {
        return subject != null && subject.equals(customerId);
    }
}
