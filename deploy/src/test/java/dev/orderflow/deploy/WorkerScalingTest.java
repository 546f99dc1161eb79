package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.deploy.Architecture.Application;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Each worker scales on its own consumer group, never beyond its partitions and never to zero. */
class WorkerScalingTest {

    static final List<String> KEDA_VARIANTS = RenderedManifests.KEDA_VARIANTS;

    @ParameterizedTest
    @FieldSource("KEDA_VARIANTS")
    void everyWorkerScalesOnTheLagOfItsOwnConsumerGroupOnOrderCreated(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application worker : Architecture.workers()) {
            JsonNode scaledObject = manifests.one("ScaledObject", worker.name());
            assertThat(scaledObject.at("/spec/scaleTargetRef/name").asString()).as(worker.name())
                    .isEqualTo(worker.name());
            List<JsonNode> triggers = List.copyOf(scaledObject.at("/spec/triggers").values());
            assertThat(triggers).as("%s triggers", worker.name()).allSatisfy(trigger -> {
                assertThat(trigger.path("type").asString()).isEqualTo("kafka");
                assertThat(trigger.at("/metadata/consumerGroup").asString()).isEqualTo(worker.name());
            });
            assertThat(triggers).as("%s has a trigger on %s", worker.name(), Architecture.ORDER_CREATED)
                    .anySatisfy(trigger -> assertThat(trigger.at("/metadata/topic").asString())
                            .isEqualTo(Architecture.ORDER_CREATED));
        }
    }

    @ParameterizedTest
    @FieldSource("KEDA_VARIANTS")
    void everyTopicAWorkerReadsHasATriggerOfItsOwn(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application worker : Architecture.workers()) {
            Set<String> topics = manifests.one("ScaledObject", worker.name()).at("/spec/triggers").values().stream()
                    .map(trigger -> trigger.at("/metadata/topic").asString()).collect(Collectors.toSet());
            assertThat(topics).as(worker.name()).containsExactlyInAnyOrderElementsOf(worker.reads());
        }
    }

    @ParameterizedTest
    @FieldSource("KEDA_VARIANTS")
    void noWorkerScalesBeyondThePartitionsOfItsTopics(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        int partitions = topicPartitions(manifests);
        for (Application worker : Architecture.workers()) {
            JsonNode spec = manifests.one("ScaledObject", worker.name()).path("spec");
            assertThat(spec.path("maxReplicaCount").isInt()).as("%s sets maxReplicaCount", worker.name()).isTrue();
            assertThat(spec.path("maxReplicaCount").asInt()).as("%s maxReplicaCount", worker.name())
                    .isPositive().isLessThanOrEqualTo(partitions).isLessThanOrEqualTo(Architecture.PARTITIONS);
            assertThat(spec.at("/triggers").values()).allSatisfy(trigger -> assertThat(
                    trigger.at("/metadata/allowIdleConsumers").asString("false")).isEqualTo("false"));
        }
    }

    @ParameterizedTest
    @FieldSource("KEDA_VARIANTS")
    void workersNeverScaleToZero(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application worker : Architecture.workers()) {
            // KEDA's default minReplicaCount is 0: it must be set.
            assertThat(manifests.one("ScaledObject", worker.name()).at("/spec/minReplicaCount").asInt(0))
                    .as("%s minReplicaCount", worker.name()).isGreaterThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @FieldSource("KEDA_VARIANTS")
    void theScalerReachesTheBrokersTheWorkerUsesWithAThresholdPerReplica(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application worker : Architecture.workers()) {
            var environment = manifests.environment(manifests.one("Deployment", worker.name()));
            for (JsonNode trigger : manifests.one("ScaledObject", worker.name()).at("/spec/triggers").values()) {
                String variable = trigger.at("/metadata/bootstrapServersFromEnv").asString();
                assertThat(environment).as("%s environment", worker.name()).containsKey(variable);
                assertThat(trigger.at("/metadata/lagThreshold").asString()).as(worker.name()).matches("[1-9][0-9]*");
                String authentication = trigger.at("/authenticationRef/name").asString();
                JsonNode triggerAuthentication = manifests.one("TriggerAuthentication", authentication);
                triggerAuthentication.at("/spec/secretTargetRef").values().forEach(reference ->
                        manifests.one("Secret", reference.path("name").asString()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = "production-hpa")
    void withoutKedaEveryWorkerScalesOnCpuWithinItsPartitions(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        assertThat(manifests.all("ScaledObject")).as("two autoscalers would fight over a Deployment").isEmpty();
        int partitions = topicPartitions(manifests);
        for (Application worker : Architecture.workers()) {
            JsonNode spec = manifests.one("HorizontalPodAutoscaler", worker.name()).path("spec");
            assertThat(spec.at("/scaleTargetRef/kind").asString()).isEqualTo("Deployment");
            assertThat(spec.at("/scaleTargetRef/name").asString()).isEqualTo(worker.name());
            assertThat(spec.path("minReplicas").asInt(0)).as(worker.name()).isGreaterThanOrEqualTo(1);
            assertThat(spec.path("maxReplicas").asInt()).as(worker.name()).isLessThanOrEqualTo(partitions);
            assertThat(spec.at("/metrics/0/resource/name").asString()).isEqualTo("cpu");
        }
    }

    private static int topicPartitions(Manifests manifests) {
        return Integer.parseInt(manifests.one("ConfigMap", configMapName(manifests, "kafka-topics"))
                .at("/data/TOPIC_PARTITIONS").asString());
    }

    /** The rendered (hash-suffixed) name of a generated ConfigMap, as the kafka-topics Job refers to it. */
    static String configMapName(Manifests manifests, String generatorName) {
        return Manifests.container(manifests.one("Job", "kafka-topics")).path("envFrom").values().stream()
                .map(source -> source.at("/configMapRef/name").asString())
                .filter(name -> name.matches(generatorName + "-[a-z0-9]{10}"))
                .findFirst().orElseThrow(() -> new AssertionError("the Job reads no ConfigMap " + generatorName));
    }
}
