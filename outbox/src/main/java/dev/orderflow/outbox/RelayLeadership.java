package dev.orderflow.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance sends: the one holding a PostgreSQL session advisory lock on a connection of its own. The lock
 * lives exactly as long as that session, so a crashed or disconnected leader frees it and another instance takes
 * over on its next try.
 */
final class RelayLeadership {

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    private final DataSource dataSource;
    private final long lockId;
    private Connection connection;

    RelayLeadership(DataSource dataSource, long lockId) {
        this.dataSource = dataSource;
        this.lockId = lockId;
    }

    boolean isHeld() {
        return connection != null;
    }

    /** Tries once to become the leader; answers whether this instance now is. */
    boolean tryAcquire() throws SQLException {
        if (connection != null) {
            return true;
        }
        Connection candidate = dataSource.getConnection();
        try {
            candidate.setAutoCommit(true);
            try (PreparedStatement lock = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockId);
                try (ResultSet result = lock.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        try (var settings = candidate.createStatement()) {
                            // Losing a "published" mark in a database crash only means sending that row again
                            // (allowed); not waiting for its flush to disk takes milliseconds off every round.
                            settings.execute("SET synchronous_commit TO off");
                            // The relay's rounds must cost what is waiting, not what was ever stored; two planner
                            // traps made each round scan the table's history instead (measured with autovacuum
                            // off, 20,000 rows: 7-10 ms a round, most of a core of PostgreSQL at 100 orders/s).
                            // 1. This session runs the same statements for the service's lifetime while the table
                            // grows from empty to a day of events: a generic plan cached while it was empty scans
                            // it whole every round. Each round is planned with its own values and current size.
                            settings.execute("SET plan_cache_mode TO force_custom_plan");
                            // 2. Every published row leaves a dead entry in the unpublished-rows index until
                            // VACUUM. A plain index scan marks the ones it passes as dead, so the next round skips
                            // them (0.1 ms instead of 9.5 ms); a bitmap scan never does, and visits them all again.
                            settings.execute("SET enable_bitmapscan TO off");
                        }
                        connection = candidate;
                        log.info("Outbox relay is now the leader (advisory lock {})", lockId);
                        return true;
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(candidate);
            throw e;
        }
        closeQuietly(candidate);
        return false;
    }

    /** The leader's connection; only valid while {@link #isHeld()}. */
    Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("not the leader");
        }
        return connection;
    }

    /** Gives up leadership: unlocks if the session still answers, and returns the connection. */
    void release() {
        if (connection == null) {
            return;
        }
        Connection held = connection;
        connection = null;
        try (PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(?)");
                var settings = held.createStatement()) {
            unlock.setLong(1, lockId);
            unlock.execute();
            // The connection goes back to the pool: other users must get durable commits and the default plans.
            settings.execute("RESET synchronous_commit");
            settings.execute("RESET plan_cache_mode");
            settings.execute("RESET enable_bitmapscan");
        } catch (SQLException e) {
            // Usually the session is gone, and the lock with it. If it is not, end it: a pooled session that
            // still held the lock would keep every replica from leading.
            log.debug("Could not unlock the relay lock: {}", e.getMessage());
            try {
                held.abort(Runnable::run);
            } catch (SQLException | RuntimeException abortFailed) {
                log.debug("Could not abort the relay connection: {}", abortFailed.getMessage());
            }
        }
        closeQuietly(held);
        log.info("Outbox relay gave up leadership (advisory lock {})", lockId);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Could not close a relay connection: {}", e.getMessage());
        }
    }
}
