package dev.orderflow.emailworker.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
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
 * Sends an order's emails over SMTP, each at most once as far as SMTP allows. SMTP has no idempotency key, so the
 * attempt is committed before the send; if the process dies after the server accepted the email but before the
 * handler's record commits, the event comes again, finds the attempt, and the email is sent again with the same
 * Message-ID (mail clients show one message per Message-ID) and counted in {@code orderflow.email.possible.duplicates}.
 * That window is measured by {@code orderflow.email.unrecorded.window}. An email already recorded as sent is never
 * sent again.
 */
@Component
class OrderMailer {

    private static final Logger log = LoggerFactory.getLogger(OrderMailer.class);

    /** An email the SMTP server accepted, and when; {@code earlier} if it was accepted by an earlier attempt. */
    record Delivery(OrderMail mail, Instant acceptedAt, long acceptedNanos, boolean earlier) {
    }

    private final JavaMailSender mailSender;
    private final SentEmails sentEmails;
    private final EmailProperties properties;
    private final Counter possibleDuplicates;
    private final Timer unrecordedWindow;

    OrderMailer(JavaMailSender mailSender, SentEmails sentEmails, EmailProperties properties,
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

    /** Records the attempt, then sends the email, outside any transaction; throws if the server refuses it. */
    Delivery send(OrderMail mail) {
        MimeMessage message = mimeMessage(mail);
        Optional<SentEmail.Status> previous = sentEmails.attempt(mail.orderId(), mail.kind(), mail.to(),
                mail.messageId());
        if (previous.filter(status -> status == SentEmail.Status.SENT).isPresent()) {
            log.info("Order {}: {} email already accepted as {}, not sent again", mail.orderId(), mail.kind(),
                    mail.messageId());
            return new Delivery(mail, null, 0, true);
        }
        if (previous.filter(status -> status == SentEmail.Status.ATTEMPTED).isPresent()) {
            possibleDuplicates.increment();
            log.warn("Order {}: an earlier {} email may have been sent; sending again as {}", mail.orderId(),
                    mail.kind(), mail.messageId());
        }
        try {
            mailSender.send(message);
        } catch (MailException e) {
            sentEmails.failed(mail.orderId(), mail.kind());
            throw e;
        }
        return new Delivery(mail, Instant.now(), System.nanoTime(), false);
    }

    /**
     * Marks an accepted email sent at once, on its own, when the handler cannot go on to its record (a second
     * email of the same event failed): the retry then finds it sent and does not send it again.
     */
    void keepAccepted(Delivery delivery) {
        if (delivery.earlier()) {
            return;
        }
        sentEmails.sent(delivery.mail().orderId(), delivery.mail().kind(), delivery.acceptedAt());
        unrecordedWindow.record(Duration.ofNanos(System.nanoTime() - delivery.acceptedNanos()));
    }

    /** Marks the email sent in the current transaction, the one that also claims the event. */
    void recordSent(Delivery delivery) {
        if (delivery.earlier()) {
            return;
        }
        sentEmails.sent(delivery.mail().orderId(), delivery.mail().kind(), delivery.acceptedAt());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                unrecordedWindow.record(Duration.ofNanos(System.nanoTime() - delivery.acceptedNanos()));
            }
        });
    }

    /** Records, in the current transaction, that the order has no address to send this kind of email to. */
    void recordSkipped(UUID orderId, SentEmail.Kind kind) {
        sentEmails.skipped(orderId, kind);
    }

    private MimeMessage mimeMessage(OrderMail mail) {
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
            throw new MailPreparationException("Cannot build the " + mail.kind() + " email", e);
        }
    }
}
