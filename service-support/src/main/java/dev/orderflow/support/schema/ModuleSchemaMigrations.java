package dev.orderflow.support.schema;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies every {@link ModuleSchema} at start-up. Spring Boot treats it as a database initializer, so JPA and
 * every bean marked {@code @DependsOnDatabaseInitialization} start only after these tables exist.
 */
public class ModuleSchemaMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ModuleSchemaMigrations.class);

    private final DataSource dataSource;
    private final List<ModuleSchema> schemas;

    public ModuleSchemaMigrations(DataSource dataSource, List<ModuleSchema> schemas) {
        this.dataSource = dataSource;
        this.schemas = List.copyOf(schemas);
    }

    @Override
    public void afterPropertiesSet() {
        for (ModuleSchema schema : schemas) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(schema.location())
                    .table(schema.historyTable())
                    // The service's own migrations may already have filled the schema: start this history at 0.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            log.info("Schema of module {}: {} migration(s) applied, now at version {}",
                    schema.module(), result.migrationsExecuted, result.targetSchemaVersion);
        }
    }

    public List<ModuleSchema> schemas() {
        return schemas;
    }
}
