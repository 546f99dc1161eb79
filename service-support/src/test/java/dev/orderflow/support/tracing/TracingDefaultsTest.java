package dev.orderflow.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.Random;
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
    void oneTraceInTenIsSampledWhereItStarts() {
        context.run(started -> {
            Sampler sampler = started.getBean(Sampler.class);
            Random random = new Random(21);
            int sampled = 0;
            for (int i = 0; i < 10_000; i++) {
                String traceId = TraceId.fromLongs(random.nextLong(), random.nextLong());
                if (decide(sampler, Context.root(), traceId) == SamplingDecision.RECORD_AND_SAMPLE) {
                    sampled++;
                }
            }
            // The ratio sampler keeps a trace id when its lower 64 bits fall below a bound: 10% of random ids.
            assertThat(sampled).isBetween(900, 1_100);
        });
    }

    @Test
    void aTraceFollowsTheDecisionOfWhereItStarted() {
        context.run(started -> {
            Sampler sampler = started.getBean(Sampler.class);
            Random random = new Random(7);
            for (int i = 0; i < 100; i++) {
                String traceId = TraceId.fromLongs(random.nextLong(), random.nextLong());
                String spanId = SpanId.fromLong(random.nextLong() | 1);
                assertThat(decide(sampler, remoteParent(traceId, spanId, TraceFlags.getSampled()), traceId))
                        .as("a caller's sampled trace is recorded").isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
                assertThat(decide(sampler, remoteParent(traceId, spanId, TraceFlags.getDefault()), traceId))
                        .as("a caller's unsampled trace is not").isEqualTo(SamplingDecision.DROP);
            }
        });
    }

    @Test
    void theLocalDemoCanSampleEveryTrace() {
        context.withPropertyValues("management.tracing.sampling.probability=1.0").run(started -> {
            Sampler sampler = started.getBean(Sampler.class);
            Random random = new Random(3);
            for (int i = 0; i < 1_000; i++) {
                assertThat(decide(sampler, Context.root(), TraceId.fromLongs(random.nextLong(), random.nextLong())))
                        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
            }
        });
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

    private static SamplingDecision decide(Sampler sampler, Context parent, String traceId) {
        return sampler.shouldSample(parent, traceId, "POST /orders", SpanKind.SERVER, Attributes.empty(), List.of())
                .getDecision();
    }

    private static Context remoteParent(String traceId, String spanId, TraceFlags flags) {
        return Context.root().with(Span.wrap(
                SpanContext.createFromRemoteParent(traceId, spanId, flags, TraceState.getDefault())));
    }
}
