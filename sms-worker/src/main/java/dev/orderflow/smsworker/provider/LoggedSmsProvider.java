package dev.orderflow.smsworker.provider;

import dev.orderflow.smsworker.message.SentMessage;
import dev.orderflow.smsworker.message.SmsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stands in when no provider URL is configured: logs the text with the number masked, and sends nothing. */
class LoggedSmsProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger(LoggedSmsProvider.class);

    @Override
    public Receipt send(TextMessage message) {
        log.info("Order {}: no SMS provider configured (orderflow.sms.base-url), text to {} not sent: {}",
                message.idempotencyKey(), SentMessage.masked(message.to()), message.text());
        return new Receipt(SentMessage.Status.LOGGED, null);
    }
}
