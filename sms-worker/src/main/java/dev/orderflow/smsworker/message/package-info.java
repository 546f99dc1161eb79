/**
 * Order texts: the {@link dev.orderflow.smsworker.message.SmsProvider} port, the handler that texts each new order's
 * customer once with the order id as the provider's idempotency key, and the {@code sent_messages} table.
 */
package dev.orderflow.smsworker.message;
