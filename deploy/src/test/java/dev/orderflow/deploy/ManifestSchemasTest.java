package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every overlay renders, and every object it renders matches the published schema of its kind. */
class ManifestSchemasTest {

    @Test
    void everyOverlayRendersAndEveryObjectMatchesItsSchema() {
        // given / when
        RenderedManifests.Validation validation = RenderedManifests.validation();

        // then
        assertThat(validation.exitCode()).as("validate.sh output:%n%s", validation.output()).isZero();
        assertThat(validation.output()).containsPattern("schema: [1-9][0-9]* passed, 0 failed");
        for (String variant : RenderedManifests.VARIANTS) {
            assertThat(RenderedManifests.of(variant).all("Deployment")).as(variant).isNotEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("dev.orderflow.deploy.RenderedManifests#VARIANTS")
    void everyFieldOfEveryKubernetesObjectIsOneTheApiDefines(String variant) {
        // given
        Manifests manifests = RenderedManifests.of(variant);
        List<JsonNode> kubernetesObjects = manifests.objects().stream().filter(KubernetesApiFields::knows).toList();

        // then: all but the custom resources (KEDA, Prometheus Operator), which only validate.sh checks
        assertThat(manifests.objects().size() - kubernetesObjects.size())
                .isEqualTo(manifests.all("ScaledObject").size() + manifests.all("TriggerAuthentication").size()
                        + manifests.all("ServiceMonitor").size() + manifests.all("PrometheusRule").size());
        assertThat(kubernetesObjects).allSatisfy(object -> assertThat(KubernetesApiFields.problem(object))
                .as("%s %s", object.path("kind").asString(), Manifests.name(object)).isEmpty());
    }

    @Test
    void aFieldTheApiDoesNotDefineIsRejected() {
        // given: a Deployment whose container misspells livenessProbe, which the JSON schemas let through
        JsonNode deployment = RenderedManifests.of("production").one("Deployment", "sms-worker").deepCopy();
        ((ObjectNode) Manifests.container(deployment)).set("livenesProbe",
                Manifests.container(deployment).path("livenessProbe"));

        // when / then
        assertThat(KubernetesApiFields.problem(deployment)).hasValueSatisfying(problem ->
                assertThat(problem).contains("`livenesProbe`", "V1Container"));
    }

    @Test
    void schemaValidationRejectsAnObjectThatBreaksItsSchema(@TempDir Path dir) throws Exception {
        // given: the validator validate.sh installed, and a ScaledObject whose maxReplicaCount is no integer
        assertThat(RenderedManifests.validation().exitCode()).as(RenderedManifests.validation().output()).isZero();
        Path manifest = Files.writeString(dir.resolve("broken.yaml"), """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: email-worker
                spec:
                  scaleTargetRef:
                    name: email-worker
                  maxReplicaCount: twelve
                  triggers:
                    - type: kafka
                      metadata:
                        topic: order-created
                """);

        // when
        Path validator = RenderedManifests.OUTPUT.resolve("schema-validation/validate.mjs");
        Process process = new ProcessBuilder("node", validator.toString(), manifest.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // then
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("ScaledObject/email-worker", "maxReplicaCount must be integer",
                "0 passed, 1 failed");
    }
}
