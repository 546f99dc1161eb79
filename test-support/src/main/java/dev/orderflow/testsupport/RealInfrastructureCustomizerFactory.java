package dev.orderflow.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link WithKafka} and {@link WithPostgres} on a test class into Spring properties, before the context
 * starts, and points the context at this JVM's {@link TestIssuer}. Registered in {@code META-INF/spring.factories}, so a test needs nothing but the annotations.
 */
class RealInfrastructureCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configs) {
        boolean kafka = TestContextAnnotationUtils.hasAnnotation(testClass, WithKafka.class);
        WithPostgres postgres = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithPostgres.class);
        if (!kafka && postgres == null) {
            return null;
        }
        return new RealInfrastructureCustomizer(kafka, postgres == null ? null : postgres.database());
    }

    /** A record, so that contexts asking for the same infrastructure are cached and shared. */
    record RealInfrastructureCustomizer(boolean kafka, String database) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new LinkedHashMap<>();
            // Every service is a resource server: its tokens come from this JVM's issuer.
            properties.put(TestIssuer.ISSUER_URI_PROPERTY, TestIssuer.get().uri());
            if (kafka) {
                properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
            }
            if (database != null) {
                TestDatabase db = TestPostgres.database(database);
                properties.put("spring.datasource.url", db.jdbcUrl());
                properties.put("spring.datasource.username", db.username());
                properties.put("spring.datasource.password", db.password());
            }
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("orderflowTestInfrastructure", properties));
        }
    }
}
