package dev.orderflow.emailworker.email;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.OrderCreatedHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends each new order's confirmation email once. SMTP has no idempotency key, so the attempt is committed before
 * the send; if the process dies after the server accepted the email but before {@link #record} commits, the order
 * comes again, finds its attempt, and the email is sent again with the same Message-ID (mail clients show one
 * message per Message-ID) and counted in {@code orderflow.email.possible.duplicates}. That window is measured by
 * {@code orderflow.email.unrecorded.window}.
 */
@Component
class OrderConfirmationSending implements OrderCreatedHandler<OrderConfirmationSending.Delivery> {

    private static final Logger log = LoggerFactory.getLogger(OrderConfirmationSending.class);
    private static final SentEmail.Kind KIND = SentEmail.Kind.ORDER_CONFIRMATION;

    /** The email sent and when the server accepted it; no mail when the order has no address. */
    record Delivery(ConfirmationMail mail, Instant acceptedAt, long acceptedNanos) {

        static final Delivery SKIPPED = new Delivery(null, null, 0);
    }

    private final JavaMailSender mailSender;
    private final SentEmails sentEmails;
    private final EmailProperties properties;
    private final Counter possibleDuplicates;
    private final Timer unrecordedWindow;

    OrderConfirmationSending(JavaMailSender mailSender, SentEmails sentEmails, EmailProperties properties,
            MeterRegistry registry) {
        this.mailSender = mailSender;
        this.sentEmails = sentEmails;
        this.properties = properties;
        this.possibleDuplicates = Counter.builder("orderflow.email.possible.duplicates")
                .description("Emails sent again because an earlier attempt may have been accepted but not recorded")
                .register(registry);
        this.unrecordedWindow = Timer.builder("orderflow.email.unrecorded.window")
                .description("From the SMTP server accepting an email to the commit recording it: a crash in "
                        + "between sends it again")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public Delivery perform(OrderCreated order) {
        String address = order.contact().email();
        if (address == null || address.isBlank()) {
            return Delivery.SKIPPED;
        }
        ConfirmationMail mail = ConfirmationMail.of(order, address.strip(), properties.messageIdDomain());
        MimeMessage message = mimeMessage(mail);
        Optional<SentEmail.Status> previous = sentEmails.attempt(order.orderId(), KIND, mail.to(), mail.messageId());
        if (previous.filter(status -> status == SentEmail.Status.ATTEMPTED).isPresent()) {
            possibleDuplicates.increment();
            log.warn("Order {}: an earlier confirmation email may have been sent; sending again as {}",
                    order.orderId(), mail.messageId());
        }
        try {
            mailSender.send(message);
        } catch (MailException e) {
            sentEmails.failed(order.orderId(), KIND);
            throw e;
        }
        return new Delivery(mail, Instant.now(), System.nanoTime());
    }

    @Override
    public String record(OrderCreated order, Delivery delivery) {
        if (delivery.mail() == null) {
            sentEmails.skipped(order.orderId(), KIND);
            log.info("Order {} confirmation email SKIPPED: no email address", order.orderId());
            return SentEmail.Status.SKIPPED.name();
        }
        sentEmails.sent(order.orderId(), KIND, delivery.acceptedAt());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                unrecordedWindow.record(Duration.ofNanos(System.nanoTime() - delivery.acceptedNanos()));
            }
        });
        log.info("Order {} confirmation email SENT to {} as {}", order.orderId(),
                SentEmail.masked(delivery.mail().to()), delivery.mail().messageId());
        return SentEmail.Status.SENT.name();
    }

    private MimeMessage mimeMessage(ConfirmationMail mail) {
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text());
            // JavaMailSenderImpl keeps a Message-ID set before sending instead of generating one.
            message.setHeader("Message-ID", mail.messageId());
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot build the confirmation email", e);
        }
    }
}
