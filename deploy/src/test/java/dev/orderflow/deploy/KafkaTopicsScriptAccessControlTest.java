package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.KafkaAccessList;
import dev.orderflow.stack.KafkaCluster;
import dev.orderflow.stack.KafkaPrincipals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The kafka-topics Job's access-control step, as the production overlay runs it (KAFKA_ACCESS_CONTROL=true), on a
 * real broker with SASL/SCRAM and StandardAuthorizer: Kafka's own kafka-configs and kafka-acls create every
 * service's user and exactly the ACLs of acls.env. (That a second run changes nothing is Kafka's: adding an ACL
 * or a credential that exists is a no-op; KafkaTopicsScriptTest runs the topic step twice.) One run: every tool
 * call is a JVM of its own.
 */
class KafkaTopicsScriptAccessControlTest {

    @TempDir
    static Path dir;

    private static KafkaCluster kafka;
    private static final Map<String, String> environment = new HashMap<>();
    private static Path script;

    @BeforeAll
    static void startASecuredBrokerAndRenderTheProductionJob() throws Exception {
        kafka = KafkaPrincipals.securedCluster(dir.resolve("kafka"), 1, FreePorts.consecutive(2));
        kafka.start(Duration.ofSeconds(60));

        Manifests production = RenderedManifests.of("production");
        JsonNode job = production.one("Job", "kafka-topics");
        production.environment(job).forEach((key, value) -> {
            if (!value.equals("(secret)")) {
                environment.put(key, value);
            }
        });
        String scriptMap = job.at("/spec/template/spec/volumes").values().stream()
                .filter(volume -> volume.has("configMap")).map(volume -> volume.at("/configMap/name").asString())
                .findFirst().orElseThrow();
        script = Files.writeString(dir.resolve("create-topics.sh"),
                production.one("ConfigMap", scriptMap).at("/data/create-topics.sh").asString());

        // Kafka's scripts as the apache/kafka image has them, on this test's class path.
        environment.put("KAFKA_TOPICS_TOOL", tool("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand"));
        environment.put("KAFKA_CONFIGS_TOOL", tool("kafka-configs.sh", "kafka.admin.ConfigCommand"));
        environment.put("KAFKA_ACLS_TOOL", tool("kafka-acls.sh", "org.apache.kafka.tools.AclCommand"));
        // The production overlay's broker speaks SASL_SSL; this one SASL_PLAINTEXT, with the admin's login as the
        // Job's credentials Secret gives it, and one password per service.
        environment.remove("SPRING_KAFKA_SSL_TRUST_STORE_TYPE");
        environment.remove("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION");
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", String.valueOf(KafkaPrincipals.adminProperties(kafka)
                .get("sasl.jaas.config")));
        environment.put("TOPIC_REPLICATION_FACTOR", "1");
        environment.put("TOPIC_MIN_INSYNC_REPLICAS", "1");
        for (KafkaAccessList.Grant grant : KafkaAccessList.load().grants()) {
            environment.put(variable(grant.service()) + "_KAFKA_PASSWORD", KafkaPrincipals.localPassword(grant.service()));
        }
        environment.put("LOG_DIR", dir.resolve("logs").toString());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void createsEveryServicesUserAndExactlyTheAclsOfTheList() throws Exception {
        // given: the production overlay asks for access control
        assertThat(environment).containsEntry("KAFKA_ACCESS_CONTROL", "true").containsKey("PRINCIPALS");

        // when: the Job runs
        Run run = run();

        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        KafkaAccessList access = KafkaAccessList.load();
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(access.bindings());
        }
        for (KafkaAccessList.Grant grant : access.grants()) {
            Map<String, Object> login = new HashMap<>(KafkaPrincipals.clientProperties(kafka, grant.service()));
            login.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            login.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            try (Admin service = Admin.create(login)) {
                // A new user reaches the broker's credential cache a moment after the controller commits it.
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertThat(service.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1));
            }
        }
    }

    @Test
    void aServiceWithoutAPasswordStopsTheJobWithItsNameBeforeAnythingChanges() throws Exception {
        String missing = variable("sms-worker") + "_KAFKA_PASSWORD";
        Run run = run(Map.of(missing, ""));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("no password for Kafka principal sms-worker", missing)
                .doesNotContain("Topic: order-created", "Kafka principal User:");
    }

    private static String variable(String service) {
        return service.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String tool(String name, String mainClass) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path tool = Files.writeString(dir.resolve(name), """
                #!/bin/sh
                exec "%s" -XX:TieredStopAtLevel=1 -cp "%s" %s "$@"
                """.formatted(java, System.getProperty("java.class.path"), mainClass));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool.toString();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run() throws Exception {
        return run(Map.of());
    }

    private static Run run(Map<String, String> overrides) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(overrides);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
