package dev.orderflow.support.schema;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Migrates the schemas of the shared modules a service depends on. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
class ModuleSchemaAutoConfiguration {

    @Bean
    ModuleSchemaMigrations moduleSchemaMigrations(DataSource dataSource, ObjectProvider<ModuleSchema> schemas) {
        return new ModuleSchemaMigrations(dataSource, schemas.orderedStream().toList());
    }
}
