package dev.orderflow.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One database and one user per service on a PostgreSQL server, as ARCHITECTURE.md has it: each user owns its
 * database and may connect to no other (PostgreSQL grants every new database's CONNECT to PUBLIC; that grant is
 * revoked). Local only: the password equals the user name. Creating what exists already is a no-op, so a second
 * start keeps the data.
 */
public final class ServiceDatabases {

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;

    /** @param adminUrl JDBC URL of a database on the server, for a user that may create roles and databases */
    public ServiceDatabases(String adminUrl, String adminUser, String adminPassword) {
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public static ServiceDatabases local() {
        return new ServiceDatabases("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
    }

    /**
     * Makes sure user {@code name} (password {@code name}) and its database {@code name} exist, and that only that
     * user (and superusers) may connect to it.
     */
    public void ensure(String name) {
        requireIdentifier(name);
        try (Connection admin = connect()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
                }
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + name + " OWNER " + name);
                }
            }
            try (Statement statement = admin.createStatement()) {
                // Also for a database an older version created: the owner keeps its implicit rights.
                statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + name + " FROM PUBLIC");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare database " + name + " on " + adminUrl + ": "
                    + e.getMessage() + ". Is PostgreSQL running? scripts/ensure-postgres starts it.", e);
        }
    }

    /** Drops the database and its user: for tests that made throw-away ones. */
    public void drop(String name) {
        requireIdentifier(name);
        try (Connection admin = connect(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of a service's database on the same server. */
    public String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
    }
}
