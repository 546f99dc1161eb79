package dev.orderflow.smsworker.message.web;

import dev.orderflow.smsworker.message.SentMessage;
import dev.orderflow.smsworker.message.SentMessages;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /messages/{orderId}}: the text sent for an order, with the number masked; read-only. */
@RestController
// Operations only (ARCHITECTURE.md, Security): a worker's records are read by the people who run it.
@PreAuthorize("hasAuthority('SCOPE_ops')")
class SentMessageController {

    private final SentMessages sentMessages;

    SentMessageController(SentMessages sentMessages) {
        this.sentMessages = sentMessages;
    }

    /** The text as the demo shows it. */
    record MessageView(UUID orderId, String status, String phone, String text, String providerMessageId,
            String skipReason, Instant recordedAt) {
    }

    @GetMapping("/messages/{orderId}")
    MessageView message(@PathVariable UUID orderId) {
        SentMessage message = sentMessages.find(orderId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No text message for order " + orderId));
        return new MessageView(message.orderId(), message.status().name(), SentMessage.masked(message.phone()),
                message.text(), message.providerMessageId(), message.skipReason(), message.recordedAt());
    }
}
