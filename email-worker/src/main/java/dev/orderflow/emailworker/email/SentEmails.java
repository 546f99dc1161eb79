package dev.orderflow.emailworker.email;

import dev.orderflow.worker.GroupedWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sent_emails} table: one row per order and kind of email, written before the SMTP send and after it. */
@Repository
public class SentEmails {

    private final JdbcClient jdbc;
    private final GroupedWrites writes;

    SentEmails(JdbcClient jdbc, GroupedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * Records an attempt to send, committed before the send (outside the worker's transaction, in a group with other
     * lanes' attempts: {@link GroupedWrites}), and
     * returns the status the previous attempt left: none, {@code FAILED} (the server refused it), {@code ATTEMPTED}
     * (it may have been sent: the process stopped between the send and its record) or {@code SENT} (the server took
     * it; the row is left as it is and the email must not be sent again).
     */
    Optional<SentEmail.Status> attempt(UUID orderId, SentEmail.Kind kind, String recipient, String messageId) {
        // The CTE reads the row as it was before this statement's own update; a SENT row is not updated, so the
        // statement returns no row for it.
        List<Optional<SentEmail.Status>> previous = writes.commit(() -> jdbc.sql("""
                        WITH previous AS (SELECT status FROM sent_emails WHERE order_id = ? AND kind = ?)
                        INSERT INTO sent_emails (order_id, kind, recipient, message_id, status)
                        VALUES (?, ?, ?, ?, 'ATTEMPTED')
                        ON CONFLICT (order_id, kind) DO UPDATE
                            SET attempts = sent_emails.attempts + 1, status = 'ATTEMPTED', attempted_at = now()
                            WHERE sent_emails.status <> 'SENT'
                        RETURNING (SELECT status FROM previous)""")
                .params(orderId, kind.name(), orderId, kind.name(), recipient, messageId)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)).map(SentEmail.Status::valueOf))
                .list());
        return previous.isEmpty() ? Optional.of(SentEmail.Status.SENT) : previous.getFirst();
    }

    void failed(UUID orderId, SentEmail.Kind kind) {
        jdbc.sql("UPDATE sent_emails SET status = 'FAILED' WHERE order_id = ? AND kind = ?")
                .params(orderId, kind.name())
                .update();
    }

    void sent(UUID orderId, SentEmail.Kind kind, Instant acceptedAt) {
        jdbc.sql("UPDATE sent_emails SET status = 'SENT', sent_at = ? WHERE order_id = ? AND kind = ?")
                .params(Timestamp.from(acceptedAt), orderId, kind.name())
                .update();
    }

    void skipped(UUID orderId, SentEmail.Kind kind) {
        jdbc.sql("INSERT INTO sent_emails (order_id, kind, status) VALUES (?, ?, 'SKIPPED')")
                .params(orderId, kind.name())
                .update();
    }

    public Optional<SentEmail> find(UUID orderId, SentEmail.Kind kind) {
        return forOrder(orderId).stream().filter(email -> email.kind() == kind).findFirst();
    }

    /** Every email of the order, in the order they were first attempted. */
    public List<SentEmail> forOrder(UUID orderId) {
        return jdbc.sql("""
                        SELECT order_id, kind, recipient, message_id, status, attempts, attempted_at, sent_at
                        FROM sent_emails WHERE order_id = ? ORDER BY attempted_at, kind""")
                .param(orderId)
                .query(SentEmails::sentEmail)
                .list();
    }

    private static SentEmail sentEmail(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new SentEmail(rs.getObject("order_id", UUID.class), SentEmail.Kind.valueOf(rs.getString("kind")),
                rs.getString("recipient"),
                rs.getString("message_id"), SentEmail.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getTimestamp("attempted_at").toInstant(), sentAt == null ? null : sentAt.toInstant());
    }
}
