/**
 * The SMS provider adapters: an HTTP provider API called with Spring's RestClient (token, idempotency key,
 * timeouts), or, when no base URL is configured, a stand-in that only logs the masked number.
 */
package dev.orderflow.smsworker.provider;
