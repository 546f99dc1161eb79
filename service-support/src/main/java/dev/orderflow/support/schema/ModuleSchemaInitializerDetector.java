package dev.orderflow.support.schema;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link ModuleSchemaMigrations} initializes the database (see spring.factories).
 * Its order puts it after the service's own Flyway (order 1), which must find an empty schema on first start.
 */
class ModuleSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(ModuleSchemaMigrations.class);
    }

    @Override
    public int getOrder() {
        return 10;
    }
}
