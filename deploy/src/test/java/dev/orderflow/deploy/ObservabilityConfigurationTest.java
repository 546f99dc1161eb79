package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.deploy.Architecture.Application;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every application logs JSON in the cluster and has the OTLP endpoint of its traces as a setting, off by default; the
 * local demo samples every trace, production the services' own default (one in ten).
 */
class ObservabilityConfigurationTest {

    static final String OTLP_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
    static final String SAMPLING_PROBABILITY = "MANAGEMENT_TRACING_SAMPLING_PROBABILITY";

    @ParameterizedTest
    @FieldSource("dev.orderflow.deploy.RenderedManifests#VARIANTS")
    void everyApplicationLogsJsonAndExportsSpansOnlyToAConfiguredEndpoint(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application application : Architecture.APPLICATIONS) {
            Map<String, String> environment = manifests.environment(manifests.one("Deployment", application.name()));
            assertThat(environment).as("%s in %s", application.name(), variant)
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                    .containsKey(OTLP_ENDPOINT);
            // Empty means no export (service-support's TracingDefaults); anything else must be an OTLP/HTTP URL.
            assertThat(environment.get(OTLP_ENDPOINT)).as("%s %s in %s", application.name(), OTLP_ENDPOINT, variant)
                    .matches("|https?://[^ ]+/v1/traces");
        }
    }

    @Test
    void theLocalDemoSamplesEveryTraceAndProductionTheServicesDefault() {
        Manifests local = RenderedManifests.of("local");
        Manifests production = RenderedManifests.of("production");
        for (Application application : Architecture.APPLICATIONS) {
            assertThat(local.environment(local.one("Deployment", application.name())))
                    .as("%s in local", application.name()).containsEntry(SAMPLING_PROBABILITY, "1.0");
            assertThat(production.environment(production.one("Deployment", application.name())))
                    .as("%s in production", application.name()).doesNotContainKey(SAMPLING_PROBABILITY);
        }
    }
}
