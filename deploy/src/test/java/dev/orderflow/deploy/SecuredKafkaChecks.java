package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderflow.stack.KafkaAccessList;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TimeoutException;

/** What a deployment's secured local broker must show once its topic job has run: the contract's access, no more. */
final class SecuredKafkaChecks {

    private SecuredKafkaChecks() {
    }

    /** The broker holds exactly the ACLs of acls.env. */
    static void aclsAreExactlyTheList(Admin admin) throws Exception {
        assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                .containsExactlyInAnyOrderElementsOf(KafkaAccessList.load().bindings());
    }

    /** A client without credentials never gets a broker to talk to: the SASL listener drops it. */
    static void anonymousClientIsRefused(String address) {
        try (Admin admin = Admin.create(ScriptedKafkaBroker.anonymous(address))) {
            assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes()
                    .get(15, TimeUnit.SECONDS))
                    .as("a client without credentials on " + address).hasCauseInstanceOf(TimeoutException.class);
        }
    }

    /** The service logs in with the Kafka settings its deployment gives it (Spring's names). */
    static void serviceLogsIn(String service, String address, Map<String, String> environment) {
        Map<String, Object> config = new HashMap<>(ScriptedKafkaBroker.anonymous(address));
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                environment.get("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL"));
        config.put(SaslConfigs.SASL_MECHANISM, environment.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"));
        config.put(SaslConfigs.SASL_JAAS_CONFIG, environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
        assertThat(String.valueOf(config.get(SaslConfigs.SASL_JAAS_CONFIG))).as(service + "'s own principal")
                .contains("username=\"" + service + "\"");
        logsIn(service, config);
    }

    /** The client of {@code config} gets in (short timeouts: a refusal shows in seconds). */
    static void logsIn(String who, Map<String, Object> config) {
        try (Admin admin = Admin.create(config)) {
            // A new user reaches the broker's credential cache a moment after the controller commits it.
            await(who + " logs in").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1));
        }
    }
}
