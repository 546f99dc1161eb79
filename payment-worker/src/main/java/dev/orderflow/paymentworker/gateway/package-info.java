/**
 * The simulated payment gateway, the default adapter of the payment port: configurable latency, a deterministic
 * decline rule, one charge per idempotency key and at most one refund per charge, kept in its own tables so they
 * hold across restarts.
 */
package dev.orderflow.paymentworker.gateway;
