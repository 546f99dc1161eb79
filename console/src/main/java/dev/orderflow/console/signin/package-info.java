/**
 * Signing in: OAuth2 login (authorization code with PKCE) against the authorization server as a customer or as
 * operations; the tokens stay in the server-side session and the browser holds only a session cookie.
 */
package dev.orderflow.console.signin;
