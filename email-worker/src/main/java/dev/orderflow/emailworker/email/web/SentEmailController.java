package dev.orderflow.emailworker.email.web;

import dev.orderflow.emailworker.email.SentEmail;
import dev.orderflow.emailworker.email.SentEmails;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /emails/{orderId}}: the emails of an order (its confirmation and, if cancelled, the notice), addresses
 * masked; read-only.
 */
@RestController
// Operations only (ARCHITECTURE.md, Security): a worker's records are read by the people who run it.
@PreAuthorize("hasAuthority('SCOPE_ops')")
class SentEmailController {

    private final SentEmails sentEmails;

    SentEmailController(SentEmails sentEmails) {
        this.sentEmails = sentEmails;
    }

    /** The email as the demo shows it: the address masked, as in the logs. */
    record EmailView(UUID orderId, String kind, String status, String recipient, String messageId, int attempts,
            Instant sentAt) {

        static EmailView of(SentEmail email) {
            return new EmailView(email.orderId(), email.kind().name(), email.status().name(),
                    SentEmail.masked(email.recipient()), email.messageId(), email.attempts(), email.sentAt());
        }
    }

    @GetMapping("/emails/{orderId}")
    List<EmailView> emails(@PathVariable UUID orderId) {
        List<SentEmail> emails = sentEmails.forOrder(orderId);
        if (emails.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No email for order " + orderId);
        }
        return emails.stream().map(EmailView::of).toList();
    }
}
