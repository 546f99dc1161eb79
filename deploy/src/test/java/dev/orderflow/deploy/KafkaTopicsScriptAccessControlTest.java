package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.KafkaAccessList;
import dev.orderflow.stack.KafkaCluster;
import dev.orderflow.stack.KafkaPrincipals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
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
    private static TopicJob job;

    @BeforeAll
    static void startASecuredBrokerAndRenderTheProductionJob() throws Exception {
        kafka = KafkaPrincipals.securedCluster(dir.resolve("kafka"), 1, FreePorts.consecutive(2));
        kafka.start(Duration.ofSeconds(60));

        Manifests production = RenderedManifests.of("production");
        JsonNode topics = production.one("Job", "kafka-topics");
        Map<String, String> environment = new HashMap<>();
        production.environment(topics).forEach((key, value) -> {
            if (!value.equals("(secret)")) {
                environment.put(key, value);
            }
        });
        String scriptMap = topics.at("/spec/template/spec/volumes").values().stream()
                .filter(volume -> volume.has("configMap")).map(volume -> volume.at("/configMap/name").asString())
                .findFirst().orElseThrow();
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
        job = TopicJob.of(dir, production.one("ConfigMap", scriptMap).at("/data/create-topics.sh").asString(),
                environment);
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
        assertThat(job.environment()).containsEntry("KAFKA_ACCESS_CONTROL", "true").containsKey("PRINCIPALS");

        // when: the Job runs
        TopicJob.Run run = job.run();

        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        try (Admin admin = kafka.admin()) {
            SecuredKafkaChecks.aclsAreExactlyTheList(admin);
        }
        for (KafkaAccessList.Grant grant : KafkaAccessList.load().grants()) {
            Map<String, Object> login = new HashMap<>(KafkaPrincipals.clientProperties(kafka, grant.service()));
            login.putAll(ScriptedKafkaBroker.anonymous(kafka.bootstrapServers()));
            SecuredKafkaChecks.logsIn(grant.service(), login);
        }
    }

    @Test
    void aServiceWithoutAPasswordStopsTheJobWithItsNameBeforeAnythingChanges() throws Exception {
        String missing = variable("sms-worker") + "_KAFKA_PASSWORD";
        TopicJob.Run run = job.run(Map.of(missing, ""));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("no password for Kafka principal sms-worker", missing)
                .doesNotContain("Topic: order-created", "Kafka principal User:");
    }

    private static String variable(String service) {
        return service.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
