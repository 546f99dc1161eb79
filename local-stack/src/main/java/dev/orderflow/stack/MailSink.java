package dev.orderflow.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) for email-worker when there is no Docker and so no Mailpit: it accepts every
 * message and keeps it in memory, so the demo and the system tests can read what was sent.
 */
public final class MailSink implements AutoCloseable {

    private final GreenMail server;

    public MailSink(int port) {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** What arrived: one line per message with its Message-ID, recipients and subject. */
    public List<String> received() {
        return Arrays.stream(server.getReceivedMessages()).map(MailSink::describe).toList();
    }

    /** The Message-ID of every message received, duplicates included. */
    public List<String> messageIds() {
        return Arrays.stream(server.getReceivedMessages()).map(message -> {
            try {
                return message.getMessageID();
            } catch (MessagingException e) {
                return "(unreadable)";
            }
        }).toList();
    }

    private static String describe(MimeMessage message) {
        try {
            return message.getMessageID() + " to " + Arrays.toString(message.getAllRecipients()) + ": "
                    + message.getSubject();
        } catch (MessagingException e) {
            return "(unreadable message: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
