/**
 * Charging orders: the {@link dev.orderflow.paymentworker.payment.PaymentGateway} port, the handler that charges
 * each new order once with the order id as idempotency key, and the {@code payments} table.
 */
package dev.orderflow.paymentworker.payment;
