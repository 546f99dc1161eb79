package dev.orderflow.smsworker.message;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.smsworker.message.SmsProvider.Receipt;
import dev.orderflow.smsworker.message.SmsProvider.TextMessage;
import dev.orderflow.worker.OrderCreatedHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Texts each new order's customer once: the provider call outside the transaction, the sent_messages row inside. */
@Component
class OrderTexting implements OrderCreatedHandler<OrderTexting.Texted> {

    private static final Logger log = LoggerFactory.getLogger(OrderTexting.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

    /** The text and the provider's receipt, or why no text was sent. */
    record Texted(TextMessage message, Receipt receipt, String skipReason) {
    }

    private final Map<SentMessage.Status, Counter> texts = new EnumMap<>(SentMessage.Status.class);
    private final SmsProvider provider;
    private final SentMessages sentMessages;

    OrderTexting(SmsProvider provider, SentMessages sentMessages, MeterRegistry meters) {
        this.provider = provider;
        this.sentMessages = sentMessages;
        // Registered up front, so a dashboard shows 0 rather than nothing; LOGGED climbing in production means no
        // provider is configured.
        for (SentMessage.Status status : SentMessage.Status.values()) {
            texts.put(status, Counter.builder("orderflow.sms.texts").description("Orders texted, by outcome")
                    .tag("status", status.name()).register(meters));
        }
    }

    @Override
    public Texted perform(OrderCreated order) {
        String phone = order.contact().phone();
        if (phone == null || phone.isBlank()) {
            return new Texted(null, null, "NO_PHONE");
        }
        Optional<String> number = e164(phone);
        if (number.isEmpty()) {
            return new Texted(null, null, "INVALID_PHONE");
        }
        TextMessage message = new TextMessage(order.orderId().toString(), number.get(), textFor(order));
        return new Texted(message, provider.send(message), null);
    }

    @Override
    public String record(OrderCreated order, Texted texted) {
        if (texted.message() == null) {
            sentMessages.add(new SentMessage(order.orderId(), SentMessage.Status.SKIPPED, null, null, null,
                    texted.skipReason(), null));
            log.info("Order {} text SKIPPED: {}", order.orderId(), texted.skipReason());
            return counted(SentMessage.Status.SKIPPED);
        }
        SentMessage.Status status = texted.receipt().status();
        sentMessages.add(new SentMessage(order.orderId(), status, texted.message().to(), texted.message().text(),
                texted.receipt().providerMessageId(), null, null));
        log.info("Order {} text {} to {}", order.orderId(), status, SentMessage.masked(texted.message().to()));
        return counted(status);
    }

    /** Counts the outcome in {@code orderflow_sms_texts_total{status}}. */
    private String counted(SentMessage.Status status) {
        texts.get(status).increment();
        return status.name();
    }

    /** The number in E.164 form ({@code +447700900123}), accepting spaces, dashes, dots, brackets and a 00 prefix. */
    static Optional<String> e164(String phone) {
        String compact = SEPARATORS.matcher(phone).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    private static String textFor(OrderCreated order) {
        int digits = Math.max(Currency.getInstance(order.currency()).getDefaultFractionDigits(), 0);
        return "orderflow: we have your order %s, total %s %s. Thank you!".formatted(order.orderId(),
                BigDecimal.valueOf(order.totalMinor(), digits).toPlainString(), order.currency());
    }
}
