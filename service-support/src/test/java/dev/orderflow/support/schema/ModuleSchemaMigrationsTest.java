package dev.orderflow.support.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.WithPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = ModuleSchemaMigrationsTest.ProbeService.class,
        properties = "spring.flyway.locations=classpath:db/probe-service")
@WithPostgres(database = "module_schema")
class ModuleSchemaMigrationsTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TableCountAtStartup countAtStartup;

    @Test
    void moduleTablesAreMigratedBesideTheServicesOwnWithSeparateHistories() {
        assertThat(jdbc.sql("SELECT count(*) FROM module_owned").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM service_owned").query(Long.class).single()).isZero();
        assertThat(appliedVersions("flyway_schema_history")).contains("1");
        assertThat(appliedVersions("flyway_probe_module_history")).contains("1");
    }

    @Test
    void beansThatDependOnDatabaseInitializationSeeTheModuleTables() {
        assertThat(countAtStartup.value()).isZero();
    }

    private java.util.List<String> appliedVersions(String historyTable) {
        return jdbc.sql("SELECT version FROM " + historyTable + " WHERE success AND version IS NOT NULL")
                .query(String.class).list();
    }

    /** Reads the module's table while the context starts, which fails if the table is not there yet. */
    record TableCountAtStartup(long value) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ProbeService {

        @Bean
        ModuleSchema probeModule() {
            return new ModuleSchema("probe_module", "classpath:db/probe-module");
        }

        @Bean
        @DependsOnDatabaseInitialization
        TableCountAtStartup tableCountAtStartup(JdbcClient jdbc) {
            return new TableCountAtStartup(jdbc.sql("SELECT count(*) FROM module_owned").query(Long.class).single());
        }
    }
}
