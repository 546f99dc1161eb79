package dev.orderflow.orders.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys clients sent, each with the caller that sent it (the token's subject), the request it stood for and the
 * order it created; one caller's key is never another's. Claiming relies on the primary key, not on a read before
 * the write: of two racing inserts of one key, PostgreSQL makes the second wait for the first transaction and then
 * reports the conflict, so exactly one request creates the order.
 */
@Repository
public class IdempotencyKeys {

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code caller}'s {@code key} for a new order {@code orderId} in the current transaction, or reports the
     * request that claimed it first. An expired claim is replaced.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Claim claim(String caller, String key, byte[] requestHash, UUID orderId, Instant now, Instant expiresAt) {
        // One statement for a new key and for an expired one (replaced in place); a row comes back only then. A key
        // still valid is left as it is and read below: the replay, the rare case.
        boolean claimed = jdbc.sql("""
                INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, order_id, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (caller, idempotency_key) DO UPDATE
                   SET request_hash = EXCLUDED.request_hash, order_id = EXCLUDED.order_id,
                       created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                 WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
                RETURNING 1
                """)
                .params(caller, key, requestHash, orderId, Timestamp.from(now), Timestamp.from(expiresAt))
                .query(Integer.class)
                .optional()
                .isPresent();
        if (claimed) {
            return new Claim.Granted();
        }
        return jdbc.sql("SELECT request_hash, order_id FROM idempotency_keys WHERE caller = ? AND idempotency_key = ?")
                .params(caller, key)
                .query((rows, n) -> new Claim.Taken(rows.getObject(2, UUID.class),
                        Arrays.equals(rows.getBytes(1), requestHash)))
                .single();
    }

    /** Deletes at most {@code limit} expired keys; answers how many. */
    @Transactional
    public int deleteExpired(Instant now, int limit) {
        return jdbc.sql("""
                DELETE FROM idempotency_keys
                 WHERE (caller, idempotency_key) IN (SELECT caller, idempotency_key FROM idempotency_keys
                                                      WHERE expires_at <= ? LIMIT ?)
                """)
                .params(Timestamp.from(now), limit)
                .update();
    }

    /** The answer to a claim. */
    public sealed interface Claim {

        /** The key is new (or its old claim expired): this request creates the order. */
        record Granted() implements Claim {
        }

        /** Another request claimed the key first and created {@code orderId}. */
        record Taken(java.util.UUID orderId, boolean sameRequest) implements Claim {
        }
    }
}
