package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Topics;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full set's scenarios that run on the shared one-broker system (2, 4 and 7 of the proof issue): longer faults
 * than the build can afford, so they run only with {@code -Pfull-fault-tests} (docs/fault-tests.md). Each ends with
 * the same checks as the fast ones and writes its entry in the fault report.
 */
@Tag(FullFaultScenariosTest.FULL_SET_ONLY)
@Tag(FastFaultScenariosTest.FAULT_SCENARIO)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSystem.class)
class FullFaultScenariosTest {

    /** Tag of the scenarios the default build leaves out (the pom's excludedGroups). */
    static final String FULL_SET_ONLY = "full-fault-tests";
    static final int RATE = 20;
    static final Duration MAX_LOAD = Duration.ofMinutes(10);
    /**
     * SKUs of these scenarios, with stock of their own: the seeded ones (1,000 units each) are shared with the fast
     * scenarios, and a run of all seven would come close to selling them out.
     */
    static final String SKUS = "FULL-";
    static final long STOCK = 100_000;
    static final Duration BROKER_OUTAGE = Duration.ofSeconds(60);
    static final Duration PROVIDER_OUTAGE = Duration.ofSeconds(30);

    private SystemUnderTest system;
    private Effects effects;
    private FaultChecks checks;
    private OrderClient client;

    @BeforeAll
    void connect() {
        system = SharedSystem.system();
        effects = new Effects(system);
        checks = new FaultChecks(system);
        client = new OrderClient(system.service("order-service").baseUri());
        ServiceApi api = new ServiceApi(system.service("order-service").baseUri(),
                system.service("inventory-worker").baseUri());
        for (int sku = 1; sku <= 20; sku++) {
            api.setStock(SKUS + "%03d".formatted(sku), STOCK);
        }
    }

    /** Scenario 2: the only broker down for a minute under load; orders keep being taken and all get delivered. */
    @Test
    void brokerStoppedForAMinuteUnderLoadKeepsTakingOrdersAndDeliversAllWithoutARestart() throws Exception {
        FaultReport report = FaultReport.begin("2. the broker stopped for 60 s under load", system);
        Map<String, Long> pidsBefore = runningServices();
        try (LoadDriver load = LoadDriver.start(client, "broker-outage", 40, RATE, MAX_LOAD, SKUS)) {
            awaitMoreAccepted(load, 3 * RATE);
            int refusedBefore = load.refused();
            int acceptedBefore = load.accepted().size();

            system.kafka().stopNode(1);
            report.fault("broker stopped (SIGTERM), kept down for " + BROKER_OUTAGE.toSeconds() + " s");
            // Every POST of the whole minute answers 201: the outbox holds the orders, Kafka is not on the request path.
            await().during(BROKER_OUTAGE).atMost(BROKER_OUTAGE.plusSeconds(15)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> load.refused() == refusedBefore);
            int acceptedWhileDown = load.accepted().size() - acceptedBefore;
            long unpublishedWhenBack = effects.outboxUnpublished();
            assertThat(acceptedWhileDown).as("orders accepted while the broker was down")
                    .isGreaterThan((int) (RATE * BROKER_OUTAGE.toSeconds() / 2));
            assertThat(unpublishedWhenBack).as("outbox rows waiting for the broker").isPositive();

            system.kafka().startNode(1);
            system.kafka().awaitBrokers(1, Duration.ofSeconds(90));
            report.fault("broker started again");
            awaitMoreAccepted(load, 3 * RATE);
            load.close();
            FaultChecks.Passed passed = checks.everyAcceptedOrderHasExactlyOneEffect(load.accepted(), SKUS, STOCK);
            assertThat(runningServices()).as("service processes (name -> pid): none restarted").isEqualTo(pidsBefore);
            assertThat(effects.outboxUnpublished()).as("outbox rows left unpublished").isZero();
            report.note("accepted while the broker was down (refused: 0)", acceptedWhileDown);
            report.note("outbox rows unpublished when the broker came back", unpublishedWhenBack);
            report.note("service processes restarted", 0);
            report.passed(load, passed);
        }
    }

    /** Scenario 4: payment-worker scaled 1 -> 3 -> 1 under load; the rebalances lose and double nothing. */
    @Test
    void workerScaledFromOneToThreeToOneInstanceUnderLoadLosesAndDoublesNothing() throws Exception {
        String worker = "payment-worker";
        FaultReport report = FaultReport.begin("4. payment-worker scaled 1 -> 3 -> 1 instances under load", system);
        // worker-support's default concurrency (WorkerProperties): four consumers per instance, two until 2026-12-03.
        // Members of an instance SIGKILLed by an earlier scenario stay in the group until their session times out
        // (45 s), so wait for exactly one instance. The alias names the assumption if that default changes again.
        int consumersPerInstance = 4;
        await("one instance of " + worker + " = " + consumersPerInstance + " consumers (worker-support's default)")
                .atMost(Duration.ofSeconds(90)).until(() -> system.groupMembers(worker) == consumersPerInstance);
        try (LoadDriver load = LoadDriver.start(client, "scaled", 40, RATE, MAX_LOAD, SKUS)) {
            awaitMoreAccepted(load, 3 * RATE);
            ServiceProcess second = system.addInstance(worker);
            report.fault("second instance started");
            ServiceProcess third = system.addInstance(worker);
            report.fault("third instance started");
            await().atMost(Duration.ofSeconds(60)).until(() -> system.groupMembers(worker) == 3 * consumersPerInstance);
            awaitMoreAccepted(load, 3 * RATE);

            second.stop();
            report.fault("second instance stopped (SIGTERM)");
            third.stop();
            report.fault("third instance stopped (SIGTERM)");
            await().atMost(Duration.ofSeconds(60)).until(() -> system.groupMembers(worker) == consumersPerInstance);
            awaitMoreAccepted(load, 3 * RATE);
            load.close();
            FaultChecks.Passed passed = checks.everyAcceptedOrderHasExactlyOneEffect(load.accepted(), SKUS, STOCK);
            report.note("consumers in group " + worker, "%d -> %d -> %d".formatted(consumersPerInstance,
                    3 * consumersPerInstance, consumersPerInstance));
            report.passed(load, passed);
        }
    }

    /** Scenario 7: the SMS provider answers 503 for 30 s; sms-worker waits and catches up, the others never notice. */
    @Test
    void smsProviderAnswering503ForThirtySecondsDelaysOnlyTheTextsAndDeadLettersNone() throws Exception {
        SmsProviderStub sms = SharedSystem.sms();
        FaultReport report = FaultReport.begin("7. the SMS provider answers 503 for 30 s under load", system);
        String smsDeadLetters = Topics.deadLetter(Topics.ORDER_CREATED, "sms-worker");
        long deadLettersBefore = recordsOn(smsDeadLetters);
        try (LoadDriver load = LoadDriver.start(client, "sms-outage", 40, RATE, MAX_LOAD, SKUS)) {
            awaitMoreAccepted(load, 3 * RATE);

            sms.failWith503();
            Instant outageEnds = Instant.now().plus(PROVIDER_OUTAGE);
            report.fault("SMS provider answers 503 for " + PROVIDER_OUTAGE.toSeconds() + " s");
            // Halfway through, the orders accepted so far include some placed during the outage.
            await().atMost(PROVIDER_OUTAGE).until(() -> sms.answered503() > 0
                    && Instant.now().isAfter(outageEnds.minus(PROVIDER_OUTAGE.dividedBy(2))));
            Set<UUID> midOutage = load.accepted();
            // The other groups keep pace while the provider is still down...
            for (String other : SharedSystem.WORKERS.stream().filter(w -> !w.equals("sms-worker")).toList()) {
                await().atMost(Duration.between(Instant.now(), outageEnds)).pollInterval(Duration.ofMillis(500))
                        .until(() -> effects.processed(other, midOutage) == midOutage.size());
            }
            // ...while sms-worker is held up by it.
            long textedMidOutage = effects.processed("sms-worker", midOutage);
            assertThat(textedMidOutage).as("texts of the orders accepted by mid-outage").isLessThan(midOutage.size());
            assertThat(Instant.now()).as("the other groups caught up before the provider came back")
                    .isBefore(outageEnds);

            await().atMost(PROVIDER_OUTAGE).until(() -> Instant.now().isAfter(outageEnds));
            sms.recover();
            report.fault("SMS provider answers 201 again");
            awaitMoreAccepted(load, 3 * RATE);
            load.close();
            FaultChecks.Passed passed = checks.everyAcceptedOrderHasExactlyOneEffect(load.accepted(), SKUS, STOCK);
            assertThat(effects.textsSentByProvider(load.accepted())).as("texts the provider accepted")
                    .isEqualTo(passed.accepted());
            assertThat(recordsOn(smsDeadLetters) - deadLettersBefore).as("texts dead-lettered").isZero();
            report.note("503 answers given", sms.answered503());
            report.note("orders accepted by mid-outage: processed by the other 4 workers / texted",
                    "%d / %d".formatted(midOutage.size(), textedMidOutage));
            report.passed(load, passed);
        }
    }

    /** Every live service process by name and instance, with its pid: a restart would change a pid. */
    private Map<String, Long> runningServices() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            List<ServiceProcess> instances = system.instances(spec.name());
            for (int i = 0; i < instances.size(); i++) {
                if (instances.get(i).isAlive()) {
                    pids.put(spec.name() + "-" + (i + 1), instances.get(i).pid());
                }
            }
        }
        return pids;
    }

    private long recordsOn(String topic) {
        return system.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Lets the load run until this many more orders were accepted: the fault happens under load, not after it. */
    static void awaitMoreAccepted(LoadDriver load, int more) {
        int before = load.accepted().size();
        await().atMost(Duration.ofSeconds(90)).until(() -> load.accepted().size() >= before + more);
    }
}
