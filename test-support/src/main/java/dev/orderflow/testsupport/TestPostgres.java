package dev.orderflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for the test JVM and fresh databases on it, dropped when the JVM exits.
 * The server is, in this order: the one named by {@code ORDERFLOW_TEST_POSTGRES_URL} (a JDBC URL of a database
 * the user may create databases from, with {@code ORDERFLOW_TEST_POSTGRES_USER} and
 * {@code ORDERFLOW_TEST_POSTGRES_PASSWORD}), a Testcontainers PostgreSQL when Docker answers, or the local server
 * on 127.0.0.1:5432 as user {@code postgres}. If none answers the test fails with one line saying what to do.
 */
public final class TestPostgres {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, TestDatabase> databases = new ConcurrentHashMap<>();
    private static final List<String> created = new CopyOnWriteArrayList<>();
    private static volatile Server server;

    private TestPostgres() {
    }

    /**
     * The database of this name for this test run, created on first request. Contexts in one JVM that ask for
     * the same name share it; every JVM (every module's test run) gets its own.
     */
    public static TestDatabase database(String name) {
        return databases.computeIfAbsent(name, TestPostgres::create);
    }

    /** A database no one else in this JVM will be handed. */
    public static TestDatabase freshDatabase(String prefix) {
        return create(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static TestDatabase create(String name) {
        Server admin = server();
        String database = ("orderflow_test_" + name + "_" + RUN_ID).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database + ": " + e.getMessage(), e);
        }
        created.add(database);
        return new TestDatabase(database, admin.urlOf(database), admin.username(), admin.password());
    }

    private static Server server() {
        if (server == null) {
            synchronized (TestPostgres.class) {
                if (server == null) {
                    server = findServer();
                    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropAll, "test-postgres-drop"));
                    log.info("Test PostgreSQL at {}", server.adminUrl());
                }
            }
        }
        return server;
    }

    private static Server findServer() {
        var url = TestEnvironment.get("ORDERFLOW_TEST_POSTGRES_URL");
        if (url.isPresent()) {
            Server external = new Server(url.get(),
                    TestEnvironment.get("ORDERFLOW_TEST_POSTGRES_USER").orElse("postgres"),
                    TestEnvironment.get("ORDERFLOW_TEST_POSTGRES_PASSWORD").orElse(""));
            external.check("ORDERFLOW_TEST_POSTGRES_URL names " + url.get() + " but it does not answer");
            return external;
        }
        if (InfrastructureSource.current() == InfrastructureSource.DOCKER) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        Server local = new Server(LOCAL_URL, "postgres", "");
        local.check("No PostgreSQL for the tests: start the server on 127.0.0.1:5432 (user postgres, trust auth; "
                + "Debian: apt-get install postgresql), or run a Docker engine, or set ORDERFLOW_TEST_POSTGRES_URL");
        return local;
    }

    private static void dropAll() {
        for (String database : created) {
            try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                log.warn("Could not drop test database {}: {}", database, e.getMessage());
            }
        }
    }

    /** A server reached through an administrative database from which test databases are created. */
    private record Server(String adminUrl, String username, String password) {

        Connection connect() throws SQLException {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(adminUrl, username, password);
        }

        void check(String whatToDo) {
            try (Connection ignored = connect()) {
                // it answers
            } catch (SQLException e) {
                throw new IllegalStateException(whatToDo + " (" + e.getMessage() + ")", e);
            }
        }

        /** The same server's URL with another database name, keeping any parameters. */
        String urlOf(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String params = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
        }
    }
}
