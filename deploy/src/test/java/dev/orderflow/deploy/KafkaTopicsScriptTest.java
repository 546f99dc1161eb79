package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The local Kubernetes overlay's Kafka, as it renders: its broker started by its start-kafka.sh with the
 * StatefulSet's settings, then its kafka-topics Job (create-topics.sh with Kafka's own tools, what the apache/kafka
 * image runs), with the example credentials of secrets/. Every topic gets its settings, every service its user
 * and exactly its ACLs, and each Deployment's login works; running the Job again changes nothing.
 */
class KafkaTopicsScriptTest {

    @TempDir
    static Path dir;

    private static Manifests local;
    private static ScriptedKafkaBroker broker;
    private static TopicJob job;

    @BeforeAll
    static void startTheOverlaysBrokerAndRenderItsJob() throws Exception {
        local = RenderedManifests.of("local");
        JsonNode kafka = local.one("StatefulSet", "kafka");
        broker = ScriptedKafkaBroker.start(dir.resolve("broker"), configMapFile(kafka, "start-kafka.sh"),
                local.environmentWithExampleSecrets(kafka));

        JsonNode topics = local.one("Job", "kafka-topics");
        job = TopicJob.of(dir.resolve("job"), configMapFile(topics, "create-topics.sh"),
                local.environmentWithExampleSecrets(topics));
        assertThat(job.environment().get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .as("the Job reaches the broker by its Service").isEqualTo("kafka:9092");
        job.environment().put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsEveryTopicUserAndAclAndChangesNothingWhenRunAgain() throws Exception {
        // when: the Job runs, and runs again (a retried or re-applied Job)
        TopicJob.Run first = job.run();
        TopicJob.Run second = job.run();

        // then
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        List<String> topics = new ArrayList<>(Architecture.EVENT_TOPICS);
        topics.addAll(Architecture.deadLetterTopics());
        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            assertThat(descriptions).hasSize(topics.size());
            descriptions.values().forEach(topic -> assertThat(topic.partitions()).as(topic.name())
                    .hasSize(Architecture.PARTITIONS));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
            configs.forEach((resource, config) -> {
                boolean deadLetter = resource.name().endsWith(".DLT");
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(resource.name())
                        .isEqualTo(String.valueOf(Duration.ofDays(deadLetter ? 14 : 7).toMillis()));
                assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).as(resource.name())
                        .isEqualTo(job.environment().get("TOPIC_MIN_INSYNC_REPLICAS"));
            });
        }
        try (Admin admin = broker.admin()) {
            SecuredKafkaChecks.aclsAreExactlyTheList(admin);
        }
        for (JsonNode application : local.applications()) {
            Map<String, String> environment = local.environmentWithExampleSecrets(application);
            assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            SecuredKafkaChecks.serviceLogsIn(Manifests.name(application), broker.bootstrapServers(), environment);
        }
        SecuredKafkaChecks.anonymousClientIsRefused(broker.bootstrapServers());
    }

    /** The file {@code name} of the ConfigMap the workload mounts. */
    private static String configMapFile(JsonNode workload, String name) {
        return workload.at("/spec/template/spec/volumes").values().stream()
                .filter(volume -> volume.has("configMap")).map(volume -> volume.at("/configMap/name").asString())
                .map(map -> local.one("ConfigMap", map).at("/data").path(name))
                .filter(file -> !file.isMissingNode()).findFirst()
                .orElseThrow(() -> new AssertionError(Manifests.name(workload) + " mounts no " + name))
                .asString();
    }
}
