/**
 * Every service as an OAuth2 resource server: bearer JWTs from the issuer given by configuration, checked for
 * signature, expiry (with bounded clock skew), issuer and audience; scopes become {@code SCOPE_*} authorities that
 * each service's endpoints require with {@code @PreAuthorize}; every refusal answers with a problem body.
 */
package dev.orderflow.support.security;
