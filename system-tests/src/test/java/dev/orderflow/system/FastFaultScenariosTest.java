package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Topics;
import dev.orderflow.stack.MailSink;
import dev.orderflow.stack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault scenarios that run in every build (1, 3 and 6 of the proof issue, at modest load): the whole
 * system as separate processes, a fault injected under load, then every accepted order checked in every
 * service's own database and every group's committed offsets.
 */
@Tag(FastFaultScenariosTest.FAULT_SCENARIO)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSystem.class)
class FastFaultScenariosTest {

    /** Tag of all seven fault scenarios: what the full-fault-tests profile runs. */
    static final String FAULT_SCENARIO = "fault-scenario";

    static final List<String> WORKERS = SharedSystem.WORKERS;
    /**
     * An upper bound only: each scenario stops its load as soon as its faults are done. Generous, because three
     * rounds of restarting five JVMs take minutes on a loaded 2-core machine, and the load must outlast them.
     */
    static final Duration MAX_LOAD = Duration.ofMinutes(12);

    private MailSink mail;
    private SystemUnderTest system;
    private Effects effects;
    private FaultChecks checks;
    private OrderClient client;

    @BeforeAll
    void connect() {
        mail = SharedSystem.mail();
        system = SharedSystem.system();
        effects = new Effects(system);
        checks = new FaultChecks(system);
        client = new OrderClient(system.service("order-service").baseUri());
    }

    /** Scenario 1: SIGKILL of order-service under load, twice; nothing it accepted is lost. */
    @Test
    void orderServiceKilledUnderLoadLosesNoAcceptedOrder() throws Exception {
        List<Long> unpublishedAtCrash = new ArrayList<>();
        FaultReport report = FaultReport.begin("1. order-service SIGKILLed under load, twice", system);
        try (LoadDriver load = LoadDriver.start(client, "crash", 40, 20, MAX_LOAD)) {
            for (int crash = 1; crash <= 2; crash++) {
                awaitMoreAccepted(load, 60);
                ServiceProcess orderService = system.service("order-service");
                orderService.kill();
                report.fault("SIGKILL of order-service");
                unpublishedAtCrash.add(effects.outboxUnpublished());
                orderService.start();
                orderService.awaitReady(Duration.ofSeconds(120));
            }
            awaitMoreAccepted(load, 60);
            load.close();
            FaultChecks.Passed passed = checks.everyAcceptedOrderHasExactlyOneEffect(load.accepted());
            report.note("outbox rows unpublished at each crash", unpublishedAtCrash);
            report.passed(load, passed);
            mailReceived("order-service SIGKILL x2", load);
        }
    }

    /** Scenario 3: every worker SIGKILLed mid-batch three times under load; 0 lost, 0 doubled. */
    @Test
    void workersKilledMidBatchThreeTimesLoseAndDoubleNothing() throws Exception {
        FaultReport report = FaultReport.begin("3. every worker SIGKILLed mid-batch, three times", system);
        try (LoadDriver load = LoadDriver.start(client, "kill", 40, 20, MAX_LOAD)) {
            for (int round = 1; round <= 3; round++) {
                awaitMoreAccepted(load, 50);
                List<ServiceProcess> workers = WORKERS.stream().map(system::service).toList();
                workers.forEach(ServiceProcess::kill);
                report.fault("SIGKILL of all 5 workers (round " + round + ")");
                workers.forEach(ServiceProcess::start);
                workers.forEach(worker -> worker.awaitReady(Duration.ofSeconds(180)));
            }
            awaitMoreAccepted(load, 50);
            load.close();
            report.passed(load, checks.everyAcceptedOrderHasExactlyOneEffect(load.accepted()));
            mailReceived("each worker SIGKILL x3", load);
        }
    }

    /** Scenario 6: unreadable records written by Kafka's console producer land in every group's DLT; nothing stalls. */
    @Test
    void poisonRecordsLandInEveryGroupsDeadLetterTopicAndNothingStalls() throws Exception {
        FaultReport report = FaultReport.begin("6. poison records written with Kafka's console producer", system);
        try (LoadDriver load = LoadDriver.start(client, "poison", 40, 10, MAX_LOAD)) {
            awaitMoreAccepted(load, 30);
            PoisonRecords.write(system.kafka().bootstrapServers(), system.kafkaAdminConfigFile(),
                    system.data().resolve("console-producer.log"));
            report.fault("bad JSON, unknown event-version and a 900 kB record on order-created");
            awaitMoreAccepted(load, 30);
            load.close();
            FaultChecks.Passed passed = checks.everyAcceptedOrderHasExactlyOneEffect(load.accepted());
            for (String worker : WORKERS) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(poisonKeysIn(Topics.deadLetter(Topics.ORDER_CREATED, worker)))
                                .as("dead letters of " + worker)
                                .containsExactlyInAnyOrderElementsOf(PoisonRecords.KEYS));
            }
            report.note("poison records in each worker's dead-letter topic", PoisonRecords.KEYS);
            report.passed(load, passed);
            mailReceived("poison records", load);
        }
    }

    /** Lets the load run until this many more orders were accepted: the fault happens under load, not after it. */
    private static void awaitMoreAccepted(LoadDriver load, int more) {
        int before = load.accepted().size();
        await().atMost(Duration.ofSeconds(90)).until(() -> load.accepted().size() >= before + more);
    }

    private List<String> poisonKeysIn(String deadLetterTopic) {
        Map<String, Object> config = new HashMap<>(system.kafkaAdminClient());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4_000_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4_000_000);
        List<String> keys = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(deadLetterTopic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.key() != null && record.key().startsWith("poison-")) {
                        keys.add(record.key());
                    }
                });
                if (keys.size() >= PoisonRecords.KEYS.size()) {
                    break;
                }
            }
        }
        return keys;
    }

    private void mailReceived(String scenario, LoadDriver load) {
        List<String> ids = mail.messageIds();
        long duplicateMails = ids.size() - ids.stream().distinct().count();
        // Mails are counted over the whole run (all scenarios share the system), once every accepted order is done.
        System.out.printf("[system-test] %s: accepted %d, refused %d; mails received so far %d (same Message-ID again: %d)%n",
                scenario, load.accepted().size(), load.refused(), ids.size(), duplicateMails);
    }
}
