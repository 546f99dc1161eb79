package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.stack.KafkaSecurity;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's Kafka without Docker: its broker started by the script it mounts, with its settings, then its
 * kafka-topics service's script with that service's env files and environment. The broker lets in only the
 * logins compose gives (the admin on both listeners, each service with its own principal), with exactly the ACLs
 * of acls.env; a client without credentials is refused on both listeners.
 */
class ComposeKafkaTest {

    private static final Path ROOT = RenderedManifests.REPOSITORY;

    @TempDir
    static Path dir;

    private static Map<String, Map<String, Object>> services;
    private static ScriptedKafkaBroker broker;
    /** Compose's address of each listener (the advertised one) to this test's. */
    private static final Map<String, String> addresses = new HashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void startComposesBroker() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(reader).get("services");
        }
        Map<String, Object> kafka = services.get("kafka");
        assertThat((List<String>) kafka.get("entrypoint")).containsExactly("/bin/sh", "/start-kafka.sh");
        Map<String, String> settings = environment("kafka");
        broker = ScriptedKafkaBroker.start(dir.resolve("broker"), Files.readString(mounted("kafka", "/start-kafka.sh")),
                settings);
        for (String advertised : settings.get("BROKER_ADVERTISED_LISTENERS").split(",")) {
            String name = advertised.substring(0, advertised.indexOf("://"));
            addresses.put(advertised.substring(advertised.indexOf("://") + 3), broker.listeners().get(name));
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theTopicServiceGivesEveryServiceItsUserAndExactlyItsAcls() throws Exception {
        // given: the kafka-topics service as compose runs it
        Map<String, String> environment = new HashMap<>();
        for (String envFile : envFiles("kafka-topics")) {
            environment.putAll(readEnvFile(ROOT.resolve(envFile)));
        }
        environment.putAll(environment("kafka-topics"));
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", here(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")));
        TopicJob job = TopicJob.of(dir.resolve("job"), Files.readString(mounted("kafka-topics", "/create-topics.sh")),
                environment);

        // when
        TopicJob.Run run = job.run();

        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        try (Admin admin = broker.admin()) {
            SecuredKafkaChecks.aclsAreExactlyTheList(admin);
        }
        for (String application : ComposeFileTest.applications()) {
            Map<String, String> env = environment(application);
            SecuredKafkaChecks.serviceLogsIn(application, here(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")), env);
        }
    }

    @Test
    void theHostReachesTheBrokerAsAdminOnlyWithCredentials() {
        String external = here("localhost:9092");
        SecuredKafkaChecks.logsIn("the admin from the host",
                broker.login(external, KafkaSecurity.ADMIN, environment("kafka").get("BROKER_ADMIN_PASSWORD")));
        broker.listeners().values().forEach(SecuredKafkaChecks::anonymousClientIsRefused);
    }

    /** This test's address for one of compose's (a listener's advertised address). */
    private static String here(String composeAddress) {
        assertThat(addresses).as("a listener advertised as " + composeAddress).containsKey(composeAddress);
        return addresses.get(composeAddress);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, String> values = new HashMap<>();
        ((Map<String, Object>) services.get(service).get("environment"))
                .forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<String> envFiles(String service) {
        Object envFile = services.get(service).get("env_file");
        return envFile instanceof List<?> list ? (List<String>) list : List.of((String) envFile);
    }

    /** The file of the repository that the service mounts at {@code target}. */
    @SuppressWarnings("unchecked")
    private static Path mounted(String service, String target) {
        return ((List<String>) services.get(service).get("volumes")).stream()
                .map(volume -> volume.split(":"))
                .filter(parts -> parts[1].equals(target))
                .map(parts -> ROOT.resolve(parts[0]))
                .findFirst().orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
    }

    /** An env file as compose reads it: KEY=VALUE lines, the value taken as it stands; # lines are comments. */
    private static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return values;
    }
}
