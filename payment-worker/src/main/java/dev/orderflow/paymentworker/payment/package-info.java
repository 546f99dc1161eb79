/**
 * Charging orders and paying back cancelled ones: the {@link dev.orderflow.paymentworker.payment.PaymentGateway}
 * port, the handler that charges each new order once with the order id as idempotency key, the handler that refunds
 * a cancelled order's charge once, the {@code payments} table, and the results they publish on
 * {@code payment-events} through the outbox.
 */
package dev.orderflow.paymentworker.payment;
