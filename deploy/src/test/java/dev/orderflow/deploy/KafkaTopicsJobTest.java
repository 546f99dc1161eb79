package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** The kafka-topics Job creates the topics of ARCHITECTURE.md with the environment's settings. */
class KafkaTopicsJobTest {

    static final List<String> VARIANTS = RenderedManifests.VARIANTS;

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void createsEveryEventTopicAndTheDeadLetterTopicOfEveryConsumingGroup(String variant) {
        JsonNode settings = settings(RenderedManifests.of(variant));
        assertThat(words(settings.path("EVENT_TOPICS").asString()))
                .containsExactlyInAnyOrderElementsOf(Architecture.EVENT_TOPICS);
        assertThat(words(settings.path("DEAD_LETTER_TOPICS").asString()))
                .containsExactlyInAnyOrderElementsOf(Architecture.deadLetterTopics());
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void givesEventTopicsTwelvePartitionsSevenDaysAndDeadLettersFourteenDays(String variant) {
        JsonNode settings = settings(RenderedManifests.of(variant));
        assertThat(settings.path("TOPIC_PARTITIONS").asString()).isEqualTo(String.valueOf(Architecture.PARTITIONS));
        assertThat(settings.path("EVENT_RETENTION_MS").asString())
                .isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
        assertThat(settings.path("DEAD_LETTER_RETENTION_MS").asString())
                .isEqualTo(String.valueOf(Duration.ofDays(14).toMillis()));
    }

    @Test
    void productionTopicsHaveThreeReplicasAndTwoInSync() {
        JsonNode settings = settings(RenderedManifests.of("production"));
        assertThat(settings.path("TOPIC_REPLICATION_FACTOR").asString()).isEqualTo("3");
        assertThat(settings.path("TOPIC_MIN_INSYNC_REPLICAS").asString()).isEqualTo("2");
    }

    @Test
    void theJobRunsKafkasOwnTopicToolAndLeavesExistingTopicsAlone() {
        Manifests manifests = RenderedManifests.of("production");
        JsonNode job = manifests.one("Job", "kafka-topics");
        assertThat(Manifests.container(job).path("image").asString()).startsWith("apache/kafka:");
        String scriptMap = job.at("/spec/template/spec/volumes").values().stream()
                .filter(volume -> volume.has("configMap")).map(volume -> volume.at("/configMap/name").asString())
                .findFirst().orElseThrow();
        String script = manifests.one("ConfigMap", scriptMap).at("/data/create-topics.sh").asString();
        assertThat(script).contains("/opt/kafka/bin/kafka-topics.sh", "--create --if-not-exists",
                "min.insync.replicas=", "retention.ms=");
    }

    private static JsonNode settings(Manifests manifests) {
        return manifests.one("ConfigMap", WorkerScalingTest.configMapName(manifests, "kafka-topics")).path("data");
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).collect(Collectors.toSet());
    }
}
