package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The kafka-topics Job's script, as the local overlay renders it, run against a real broker with Kafka's own topic
 * tool (kafka-tools' TopicCommand, what kafka-topics.sh runs in the apache/kafka image).
 */
class KafkaTopicsScriptTest {

    @TempDir
    static Path dir;

    private static Map<String, String> environment;
    private static Path script;

    @BeforeAll
    static void renderTheJobOfTheLocalOverlay() throws Exception {
        Manifests local = RenderedManifests.of("local");
        JsonNode job = local.one("Job", "kafka-topics");
        environment = new HashMap<>(local.environment(job));
        String scriptMap = job.at("/spec/template/spec/volumes").values().stream()
                .filter(volume -> volume.has("configMap")).map(volume -> volume.at("/configMap/name").asString())
                .findFirst().orElseThrow();
        script = Files.writeString(dir.resolve("create-topics.sh"),
                local.one("ConfigMap", scriptMap).at("/data/create-topics.sh").asString());

        // kafka-topics.sh as the image has it: Kafka's TopicCommand on this test's class path.
        String java = ProcessHandle.current().info().command().orElse("java");
        Path tool = Files.writeString(dir.resolve("kafka-topics.sh"), """
                #!/bin/sh
                exec "%s" -XX:TieredStopAtLevel=1 -cp "%s" org.apache.kafka.tools.TopicCommand "$@"
                """.formatted(java, System.getProperty("java.class.path")));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        environment.put("KAFKA_TOPICS_TOOL", tool.toString());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
        environment.put("LOG_DIR", dir.resolve("logs").toString());
    }

    @Test
    void createsEveryTopicWithItsPartitionsAndRetentionAndChangesNothingWhenRunAgain() throws Exception {
        // when: the Job runs, and runs again (a retried or re-applied Job)
        Run first = run();
        Run second = run();

        // then
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        List<String> topics = new ArrayList<>(Architecture.EVENT_TOPICS);
        topics.addAll(Architecture.deadLetterTopics());
        try (Admin admin = TestKafka.admin()) {
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
                        .isEqualTo(environment.get("TOPIC_MIN_INSYNC_REPLICAS"));
            });
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
