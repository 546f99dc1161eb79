package dev.orderflow.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the leading relay of a database when another instance commits an event, through PostgreSQL's
 * LISTEN/NOTIFY on a channel named after the relay's lock. The leader needs no short poll to see those rows, so an
 * idle relay costs nothing; its poll stays only as the net under a lost notification.
 *
 * <p>Only an instance that does not lead notifies, after its commit: the leader wakes itself, so a single instance
 * adds no statement to any order.
 */
final class LeaderNotifications {

    private static final Logger log = LoggerFactory.getLogger(LeaderNotifications.class);
    private static final Duration RELISTEN_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final String channel;
    private final AtomicBoolean notifyPending = new AtomicBoolean();
    private volatile Listener listener;

    LeaderNotifications(DataSource dataSource, long lockId) {
        this.dataSource = dataSource;
        this.channel = "orderflow_outbox_" + lockId;
    }

    /**
     * Tells the leader, whichever instance it is, that rows are waiting. Asynchronous and coalesced: commits that
     * arrive while a notification is being sent are covered by the next one, never dropped.
     */
    void notifyLeader() {
        if (notifyPending.compareAndSet(false, true)) {
            Thread.ofVirtual().name("outbox-notify").start(this::send);
        }
    }

    private void send() {
        // Cleared before the statement: a commit from now on starts a notification of its own.
        notifyPending.set(false);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            notify.setString(1, channel);
            notify.execute();
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not notify the outbox leader; its poll finds the rows: {}", e.toString());
        }
    }

    /** While this instance leads: calls {@code onNotification} for every notification on the channel. */
    synchronized void listen(Runnable onNotification) {
        if (listener == null) {
            listener = new Listener(onNotification);
            listener.thread.start();
        }
    }

    /** Stops listening (leadership lost, or the relay stops). */
    synchronized void stopListening() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    /** One listening session on a connection of its own, re-opened after a failure while it is wanted. */
    private final class Listener {

        private final Runnable onNotification;
        private final Thread thread;
        private volatile boolean wanted = true;
        private volatile Connection connection;

        Listener(Runnable onNotification) {
            this.onNotification = onNotification;
            this.thread = Thread.ofPlatform().name("outbox-listener").daemon(true).unstarted(this::run);
        }

        private void run() {
            while (wanted) {
                try (Connection session = dataSource.getConnection()) {
                    connection = session;
                    session.setAutoCommit(true);
                    try (Statement listen = session.createStatement()) {
                        listen.execute("LISTEN " + channel);
                    }
                    // Rows may have been committed while nobody listened.
                    onNotification.run();
                    PGConnection notifications = session.unwrap(PGConnection.class);
                    while (wanted) {
                        // Blocks until a notification arrives (0: no timeout); stop() aborts the session.
                        if (notifications.getNotifications(0).length > 0) {
                            onNotification.run();
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (wanted) {
                        log.debug("Outbox listener lost its session, listening again: {}", e.toString());
                        pause();
                    }
                } finally {
                    connection = null;
                }
            }
        }

        void stop() {
            wanted = false;
            Connection session = connection;
            if (session != null) {
                try {
                    session.abort(Runnable::run);
                } catch (SQLException | RuntimeException e) {
                    log.debug("Could not abort the outbox listener's session: {}", e.toString());
                }
            }
            thread.interrupt();
        }

        private void pause() {
            try {
                Thread.sleep(RELISTEN_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                wanted = false;
            }
        }
    }
}
