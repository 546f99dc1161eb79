package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access list of acls.env on a real secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer, nothing allowed
 * without an ACL): every service can do what the list says, and a service reaching beyond it is refused.
 */
class KafkaAccessControlTest {

    private static final KafkaAccessList ACCESS = KafkaAccessList.load();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path data;

    private static KafkaCluster kafka;

    @BeforeAll
    static void startSecuredBrokerWithTheAccessList() throws Exception {
        kafka = KafkaPrincipals.securedCluster(data, 1, FreePorts.consecutive(2));
        kafka.start(Duration.ofSeconds(60));
        try (Admin admin = kafka.admin()) {
            TopicPlan.createAll(admin, 1, 1);
        }
        // As the local stack and the system tests do it: users, ACLs, and a wait until both are in force.
        KafkaPrincipals.provision(kafka, ACCESS, WAIT);
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(ACCESS.bindings());
        }
        // A record on every topic, so that every read below has something to find.
        try (var producer = producer(KafkaPrincipals.adminProperties(kafka))) {
            for (String topic : allTopics()) {
                producer.send(new ProducerRecord<>(topic, "customer-1", "seed")).get(15, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNoMetadata() {
        Map<String, Object> anonymous = withTimeouts(new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())));
        try (Admin admin = Admin.create(anonymous)) {
            // The SASL listener drops a connection that skips the handshake, so the client never sees a broker;
            // three seconds show that as well as the default minute.
            assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes()
                    .get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordIsRejected() {
        Map<String, Object> wrong = withTimeouts(kafka.clientProperties("payment-worker", "not-the-password"));
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void paymentWorkerCannotWriteOrderCreated() {
        try (var producer = producer(credentials("payment-worker"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("order-created", "customer-1", "forged"))
                    .get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void paymentWorkerCannotReadInAnotherServicesGroup() {
        try (var consumer = consumer(credentials("payment-worker"), "sms-worker")) {
            consumer.subscribe(List.of("order-created"));
            assertThat(pollFailure(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void paymentWorkerCannotReadATopicItDoesNotRead() {
        try (var consumer = consumer(credentials("payment-worker"), "payment-worker")) {
            consumer.subscribe(List.of("order-created.sms-worker.DLT"));
            assertThat(pollFailure(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceCanProduceToEveryTopicItWrites(String service) throws Exception {
        try (var producer = producer(credentials(service))) {
            for (String topic : ACCESS.grant(service).writes()) {
                assertThat(producer.send(new ProducerRecord<>(topic, "customer-1", service))
                        .get(15, TimeUnit.SECONDS).topic()).isEqualTo(topic);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceCanConsumeEveryTopicItReadsInEachOfItsGroups(String service) {
        KafkaAccessList.Grant grant = ACCESS.grant(service);
        for (String group : grant.groups()) {
            try (var consumer = consumer(credentials(service), group)) {
                consumer.subscribe(grant.reads());
                Set<String> seen = new HashSet<>();
                await().atMost(WAIT).pollInSameThread().until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.topic()));
                    return seen.containsAll(grant.reads());
                });
                // Committing needs READ on the group and on each topic: what a worker does after its transaction.
                consumer.commitSync(Duration.ofSeconds(10));
            }
        }
    }

    static Stream<String> services() {
        return ACCESS.grants().stream().map(KafkaAccessList.Grant::service);
    }

    /** A test-only password per service. */
    private static Map<String, Object> credentials(String service) {
        return KafkaPrincipals.clientProperties(kafka, service);
    }

    private static List<String> allTopics() {
        return ACCESS.grants().stream().flatMap(grant -> Stream.concat(grant.writes().stream(), grant.reads().stream()))
                .distinct().toList();
    }

    /** Short timeouts: a refused request must fail the test within seconds, not after the clients' minutes. */
    private static Map<String, Object> withTimeouts(Map<String, Object> properties) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    /** The services' producer settings: acks=all and idempotent, so InitProducerId is authorised too. */
    private static KafkaProducer<String, String> producer(Map<String, Object> properties) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The workers' consumer settings: manual commits, from the earliest record. */
    private static KafkaConsumer<String, String> consumer(Map<String, Object> properties, String group) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until the consumer fails, and returns why. */
    private static KafkaException pollFailure(KafkaConsumer<String, String> consumer) {
        AtomicReference<KafkaException> failure = new AtomicReference<>();
        await().atMost(WAIT).pollInSameThread().until(() -> {
            try {
                consumer.poll(Duration.ofMillis(200));
                return false;
            } catch (KafkaException e) {
                failure.set(e);
                return true;
            }
        });
        return failure.get();
    }
}
