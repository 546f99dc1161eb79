package dev.orderflow.loadtest.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What PostgreSQL did for each service's database between two readings: transactions from {@code pg_stat_database},
 * statements and their execution time from {@code pg_stat_statements} (when the server loads it: {@code
 * scripts/ensure-postgres --with-pg-stat-statements}). Read as the superuser, which sees every database's statements.
 */
final class DatabaseActivity {

    /** One statement's counters (per database and normalised text). */
    record StatementStats(String database, String query, long calls, double totalMillis, long rows) {

        StatementStats minus(StatementStats earlier) {
            return new StatementStats(database, query, calls - earlier.calls, totalMillis - earlier.totalMillis,
                    rows - earlier.rows);
        }
    }

    /** Counters of one database: committed and rolled-back transactions, and its statements by query id. */
    record Database(long commits, long rollbacks, Map<Long, StatementStats> statements) {

        long statementCalls() {
            return statements.values().stream().mapToLong(StatementStats::calls).sum();
        }

        double statementMillis() {
            return statements.values().stream().mapToDouble(StatementStats::totalMillis).sum();
        }
    }

    /** A reading (or, after {@link #minus}, the activity between two), by service name. */
    record Snapshot(boolean statementsTracked, Map<String, Database> byService) {

        Snapshot minus(Snapshot earlier) {
            Map<String, Database> delta = new LinkedHashMap<>();
            byService.forEach((service, now) -> {
                Database before = earlier.byService.getOrDefault(service, new Database(0, 0, Map.of()));
                Map<Long, StatementStats> statements = new HashMap<>();
                now.statements.forEach((id, statement) -> {
                    StatementStats old = before.statements.get(id);
                    StatementStats d = old == null ? statement : statement.minus(old);
                    if (d.calls() > 0) {
                        statements.put(id, d);
                    }
                });
                delta.put(service, new Database(now.commits - before.commits, now.rollbacks - before.rollbacks,
                        statements));
            });
            return new Snapshot(statementsTracked && earlier.statementsTracked, delta);
        }
    }

    private final String adminUrl;
    /** Service name to database name. */
    private final Map<String, String> databases;
    private final boolean statementsTracked;

    DatabaseActivity(String adminUrl, Map<String, String> databases) {
        this.adminUrl = adminUrl;
        this.databases = Map.copyOf(databases);
        this.statementsTracked = statementsTracked(adminUrl);
    }

    boolean statementsTracked() {
        return statementsTracked;
    }

    Snapshot read() {
        Map<String, Database> byService = new LinkedHashMap<>();
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "")) {
            // A fresh statistics snapshot for this reading, not one a previous transaction kept.
            try (Statement clear = admin.createStatement()) {
                clear.execute("SELECT pg_stat_clear_snapshot()");
            }
            for (Map.Entry<String, String> entry : databases.entrySet()) {
                byService.put(entry.getKey(), database(admin, entry.getValue()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's statistics: " + e.getMessage(), e);
        }
        return new Snapshot(statementsTracked, byService);
    }

    private Database database(Connection admin, String name) throws SQLException {
        long commits = 0;
        long rollbacks = 0;
        try (PreparedStatement q = admin.prepareStatement(
                "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    commits = rs.getLong(1);
                    rollbacks = rs.getLong(2);
                }
            }
        }
        Map<Long, StatementStats> statements = new HashMap<>();
        if (statementsTracked) {
            try (PreparedStatement q = admin.prepareStatement("""
                    SELECT s.queryid, s.query, s.calls, s.total_exec_time, s.rows
                    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    WHERE d.datname = ? AND s.queryid IS NOT NULL""")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        // One query id can appear once per user: add them up.
                        statements.merge(rs.getLong(1), new StatementStats(name, rs.getString(2), rs.getLong(3),
                                rs.getDouble(4), rs.getLong(5)), (a, b) -> new StatementStats(name, a.query(),
                                a.calls() + b.calls(), a.totalMillis() + b.totalMillis(), a.rows() + b.rows()));
                    }
                }
            }
        }
        return new Database(commits, rollbacks, statements);
    }

    private static boolean statementsTracked(String adminUrl) {
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "");
                Statement statement = admin.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SHOW shared_preload_libraries")) {
                if (!rs.next() || !rs.getString(1).contains("pg_stat_statements")) {
                    return false;
                }
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
