package dev.orderflow.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Boot's tracing auto-configuration as every service gets it, with this module's defaults applied. */
class TracingDefaultsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(started -> new TracingDefaults()
                    .postProcessEnvironment(started.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, TracingAutoConfiguration.class));

    @Test
    void everyTraceIsSampledByDefault() {
        context.run(started -> assertThat(started.getBean(TracingProperties.class).getSampling().getProbability())
                .isEqualTo(1.0f));
    }

    @Test
    void springSecuritysOwnObservationsAreOffUnlessConfigured() {
        context.run(started -> assertThat(started.getEnvironment()
                .getProperty(TracingDefaults.SECURITY_OBSERVATIONS, Boolean.class)).isFalse());
        context.withPropertyValues(TracingDefaults.SECURITY_OBSERVATIONS + "=true")
                .run(started -> assertThat(started.getEnvironment()
                        .getProperty(TracingDefaults.SECURITY_OBSERVATIONS, Boolean.class)).isTrue());
    }

    @Test
    void samplingProbabilityCanBeConfigured() {
        context.withPropertyValues("management.tracing.sampling.probability=0.25")
                .run(started -> assertThat(started.getBean(TracingProperties.class).getSampling().getProbability())
                        .isEqualTo(0.25f));
    }

    @Test
    void withoutAnEndpointNoSpanIsExported() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(OtlpHttpSpanExporter.class);
        });
    }

    @Test
    void blankEndpointMeansNoExportAndTheServiceStillStarts() {
        context.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started).doesNotHaveBean(OtlpHttpSpanExporter.class);
                });
    }

    @Test
    void endpointTurnsTheOtlpExportOn() {
        context.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4318/v1/traces")
                .run(started -> assertThat(started).hasSingleBean(OtlpHttpSpanExporter.class));
    }

    @Test
    void actuatorRequestsAreKeptOutOfTheExport() {
        context.run(started -> assertThat(started).hasSingleBean(ActuatorSpans.class));
    }
}
