package dev.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A relay round costs what is waiting, not what was ever published. The outbox keeps a day of published rows, and
 * each of them leaves a dead entry in the unpublished-rows index until VACUUM runs (never, where autovacuum is off,
 * as on this project's CI machines). Two planner traps used to make every round read that history: a generic plan
 * cached while the table was empty (a sequential scan), and bitmap scans, which never mark dead index entries.
 * The cost is read from PostgreSQL's own counters for the table, inside one round's transaction.
 */
class RelayRoundCostTest {

    private static final int PUBLISHED = 5_000;

    @Test
    void anIdleRoundAfterThousandsOfPublishedEventsReadsNoneOfThem() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase("relay_round_cost");
        try (Connection setup = database.connect(); Statement statement = setup.createStatement()) {
            statement.execute(outboxMigration());
        }
        RelayLeadership leadership = new RelayLeadership(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()), 7001);
        assertThat(leadership.tryAcquire()).isTrue();
        try {
            OutboxEvents events = new OutboxEvents(leadership.connection());
            // Given a relay that started on an empty table, as a new service does, and polled it for a while
            // (PostgreSQL settles on a generic plan after five executions of a prepared statement)
            for (int round = 0; round < 20; round++) {
                assertThat(events.markPublishedAndReadOldest(List.of(), Instant.now(), 500)).isEmpty();
            }
            // and then published thousands of events, round by round as it does
            insertUnpublished(database, PUBLISHED);
            int sent = 0;
            List<UUID> acknowledged = List.of();
            do {
                List<PendingEvent> batch = events.markPublishedAndReadOldest(acknowledged, Instant.now(), 500);
                sent += batch.size();
                acknowledged = batch.stream().map(PendingEvent::id).toList();
            } while (!acknowledged.isEmpty());
            assertThat(sent).isEqualTo(PUBLISHED);
            // (the first idle round passes the dead index entries once, and marks them)
            events.markPublishedAndReadOldest(List.of(), Instant.now(), 500);

            // When it polls again with nothing waiting
            RoundCost cost = costOf(leadership.connection(),
                    () -> assertThat(events.markPublishedAndReadOldest(List.of(), Instant.now(), 500)).isEmpty());

            // Then it neither scans the table nor visits the published rows (some 360 pages here)
            assertThat(cost.rowsReadBySequentialScans()).isZero();
            assertThat(cost.tablePagesRead()).isLessThan(10);
        } finally {
            leadership.release();
        }
    }

    private record RoundCost(long rowsReadBySequentialScans, long tablePagesRead) {
    }

    private interface Round {
        void run() throws SQLException;
    }

    /**
     * Runs one round inside a transaction and reads the table's statistics counters before and after it. (They are
     * this session's counts not yet sent to the statistics system, which may include earlier rounds: hence the
     * difference, taken where nothing can send them.)
     */
    private static RoundCost costOf(Connection connection, Round round) throws SQLException {
        connection.setAutoCommit(false);
        try {
            long[] before = counters(connection);
            round.run();
            long[] after = counters(connection);
            return new RoundCost(after[0] - before[0], after[1] - before[1]);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static long[] counters(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet counters = statement.executeQuery("""
                        SELECT pg_stat_get_xact_tuples_returned('outbox_events'::regclass),
                               pg_stat_get_xact_blocks_fetched('outbox_events'::regclass)""")) {
            counters.next();
            return new long[] {counters.getLong(1), counters.getLong(2)};
        }
    }

    private static void insertUnpublished(TestDatabase database, int rows) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, topic, message_key,
                                               created_at)
                    SELECT gen_random_uuid(), 'Order', n::text, 'OrderCreated',
                           jsonb_build_object('orderId', n, 'note', repeat('x', 400)), 'order-created',
                           'customer-' || (n %% 100), now()
                      FROM generate_series(1, %d) AS n""".formatted(rows));
        }
    }

    private static String outboxMigration() throws IOException {
        try (InputStream sql = RelayRoundCostTest.class.getResourceAsStream("/db/outbox/V1__create_outbox_events.sql")) {
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
