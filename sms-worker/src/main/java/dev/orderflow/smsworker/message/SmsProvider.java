package dev.orderflow.smsworker.message;

/**
 * An SMS provider. Sending twice with one idempotency key sends once, which lets sms-worker send again after a
 * crash before its own commit. A refusal or a timeout throws, so the consumer core retries with backoff; an outage of
 * the provider throws {@link dev.orderflow.worker.ProviderUnavailableException}, so the text is never dead-lettered
 * for it.
 */
public interface SmsProvider {

    Receipt send(TextMessage message);

    /** A text to one E.164 number; the order id is the idempotency key. */
    record TextMessage(String idempotencyKey, String to, String text) {
    }

    /** What became of it: {@code SENT} with the provider's id, or {@code LOGGED} when no provider is configured. */
    record Receipt(SentMessage.Status status, String providerMessageId) {
    }
}
