/**
 * The local stack's OAuth2 authorization server (Spring Authorization Server): clients are declared in
 * {@code application.yml}; customers and the operator sign in by the authorization code flow with PKCE
 * ({@code account}: who they are and which scopes each may have); every token names the audience the services
 * expect ({@code token}); {@code web} holds the sign-in rules.
 */
package dev.orderflow.authserver;
