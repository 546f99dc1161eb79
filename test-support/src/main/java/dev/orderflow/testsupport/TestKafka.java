package dev.orderflow.testsupport;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real Kafka broker per test JVM, started on first use and stopped when the JVM exits.
 * {@code ORDERFLOW_TEST_KAFKA} (bootstrap servers) points the tests at a broker of your own instead.
 */
public final class TestKafka {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static volatile String bootstrapServers;

    private TestKafka() {
    }

    /** The broker's bootstrap servers, starting it if this JVM has none yet. */
    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            synchronized (TestKafka.class) {
                if (bootstrapServers == null) {
                    bootstrapServers = TestEnvironment.get("ORDERFLOW_TEST_KAFKA").orElseGet(TestKafka::start);
                    log.info("Test Kafka at {}", bootstrapServers);
                }
            }
        }
        return bootstrapServers;
    }

    /** An admin client on the test broker; the caller closes it. */
    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private static String start() {
        return switch (InfrastructureSource.current()) {
            case DOCKER -> startContainer();
            case LOCAL -> startInProcess();
        };
    }

    private static String startContainer() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "test-kafka-stop"));
        return kafka.getBootstrapServers();
    }

    /** A single-node KRaft broker inside this JVM: Kafka's own server code, not a mock. */
    private static String startInProcess() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // Topics exist only where a service or test creates them, as in production.
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "test-kafka-stop"));
        return broker.getBrokersAsString();
    }
}
