package dev.orderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** A test that only declares what it needs gets Spring properties pointing at the real servers. */
@SpringJUnitConfig(SpringContextInfrastructureTest.Empty.class)
@WithKafka
@WithPostgres(database = "context_check")
class SpringContextInfrastructureTest {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String username;

    @Value("${spring.datasource.password}")
    String password;

    @Test
    void datasourcePropertiesReachTheTestDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, username, password);
                ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("orderflow_test_context_check_");
        }
    }

    @Test
    void kafkaPropertyReachesTheBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
        }
    }

    @Configuration
    static class Empty {
    }
}
