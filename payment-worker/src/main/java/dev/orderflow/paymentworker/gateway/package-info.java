/**
 * The simulated payment gateway, the default adapter of the payment port: configurable latency, a deterministic
 * decline rule, and one charge per idempotency key, kept in its own table so it holds across restarts.
 */
package dev.orderflow.paymentworker.gateway;
