package dev.orderflow.smsworker.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sent_messages} table: one row per order texted, logged or skipped. */
@Repository
public class SentMessages {

    private final JdbcClient jdbc;

    SentMessages(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    void add(SentMessage message) {
        jdbc.sql("""
                        INSERT INTO sent_messages (order_id, status, phone, text, provider_message_id, skip_reason)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(message.orderId(), message.status().name(), message.phone(), message.text(),
                        message.providerMessageId(), message.skipReason())
                .update();
    }

    public Optional<SentMessage> find(UUID orderId) {
        return jdbc.sql("SELECT * FROM sent_messages WHERE order_id = ?")
                .param(orderId)
                .query(SentMessages::sentMessage)
                .optional();
    }

    private static SentMessage sentMessage(ResultSet rs, int row) throws SQLException {
        return new SentMessage(rs.getObject("order_id", UUID.class), SentMessage.Status.valueOf(rs.getString("status")),
                rs.getString("phone"), rs.getString("text"), rs.getString("provider_message_id"),
                rs.getString("skip_reason"), rs.getTimestamp("recorded_at").toInstant());
    }
}
