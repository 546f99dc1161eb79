/**
 * The local stack's OAuth2 authorization server (Spring Authorization Server): clients are declared in
 * {@code application.yml}; customers sign in by the authorization code flow with PKCE ({@code customer}); every token
 * names the audience the services expect ({@code token}); {@code web} holds the sign-in rules.
 */
package dev.orderflow.authserver;
