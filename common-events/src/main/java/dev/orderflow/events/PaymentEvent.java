package dev.orderflow.events;

/** What payment-worker publishes on {@code payment-events}. */
public sealed interface PaymentEvent extends SagaEvent permits PaymentSucceeded, PaymentDeclined, PaymentRefunded {
}
