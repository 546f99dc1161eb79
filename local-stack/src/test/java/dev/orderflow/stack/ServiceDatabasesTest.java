package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each service gets its own database and user on the local PostgreSQL, and a second start changes nothing. */
class ServiceDatabasesTest {

    private final ServiceDatabases databases = ServiceDatabases.local();
    private final String name = "stack_check_" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = name + "_other";

    @AfterEach
    void dropIt() {
        databases.drop(name);
        databases.drop(other);
    }

    @Test
    void aServiceUserCannotConnectToAnotherServicesDatabase() throws Exception {
        databases.ensure(name);
        databases.ensure(other);

        assertThatThrownBy(() -> DriverManager.getConnection(databases.urlOf(other), name, name).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
        try (Connection own = DriverManager.getConnection(databases.urlOf(other), other, other)) {
            assertThat(own.isValid(2)).isTrue();
        }
    }

    @Test
    void serviceUserOwnsItsDatabaseAndEnsuringTwiceKeepsTheData() throws Exception {
        databases.ensure(name);
        try (Connection connection = DriverManager.getConnection(databases.urlOf(name), name, name)) {
            connection.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            connection.createStatement().execute("INSERT INTO kept VALUES (1)");
        }

        databases.ensure(name);

        try (Connection connection = DriverManager.getConnection(databases.urlOf(name), name, name);
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT count(*), current_user, current_database() FROM kept")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getString(2)).isEqualTo(name);
            assertThat(rows.getString(3)).isEqualTo(name);
        }
    }
}
