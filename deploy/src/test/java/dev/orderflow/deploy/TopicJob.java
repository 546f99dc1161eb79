package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * create-topics.sh as a deployment runs it (the kafka-topics Job, compose's kafka-topics service), with that
 * deployment's environment and Kafka's topic, config and ACL tools on this test's class path.
 */
final class TopicJob {

    /** How one run ended, with everything it printed. */
    record Run(int exitCode, String output) {
    }

    private final Path script;
    private final Map<String, String> environment;

    private TopicJob(Path script, Map<String, String> environment) {
        this.script = script;
        this.environment = environment;
    }

    /** The job of {@code scriptText} in {@code dir}, with the deployment's {@code environment}. */
    static TopicJob of(Path dir, String scriptText, Map<String, String> environment) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>(environment);
        Path bin = dir.resolve("bin");
        env.put("KAFKA_TOPICS_TOOL", KafkaTools.tool(bin, "kafka-topics.sh", "org.apache.kafka.tools.TopicCommand"));
        env.put("KAFKA_CONFIGS_TOOL", KafkaTools.tool(bin, "kafka-configs.sh", "kafka.admin.ConfigCommand"));
        env.put("KAFKA_ACLS_TOOL", KafkaTools.tool(bin, "kafka-acls.sh", "org.apache.kafka.tools.AclCommand"));
        env.put("LOG_DIR", dir.resolve("logs").toString());
        return new TopicJob(Files.writeString(dir.resolve("create-topics.sh"), scriptText), env);
    }

    /** The environment it runs with (tests adjust it: the broker's address, a missing password). */
    Map<String, String> environment() {
        return environment;
    }

    Run run() throws Exception {
        return run(Map.of());
    }

    Run run(Map<String, String> overrides) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(overrides);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
