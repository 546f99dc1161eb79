/**
 * Idempotency-Key support: a retried POST with the same key gets the same order back, no second order or event,
 * even when the two requests race; another body under the same key is refused. Keys expire.
 */
package dev.orderflow.orders.idempotency;
