package dev.orderflow.support.tracing;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Tracing settings every service shares beyond Spring Boot's own auto-configuration; see {@link TracingDefaults}. */
@AutoConfiguration
@ConditionalOnClass(SpanExportingPredicate.class)
public class TracingAutoConfiguration {

    @Bean
    ActuatorSpans actuatorSpansNotExported() {
        return new ActuatorSpans();
    }
}
