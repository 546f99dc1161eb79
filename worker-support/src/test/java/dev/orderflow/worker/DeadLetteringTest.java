package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.orderCreatedHeaders;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.DeadLetterTopic.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = ProbeWorker.class)
@WithKafka
@WithPostgres(database = "probe")
class DeadLetteringTest {

    static final String DLT = Topics.deadLetter(Topics.ORDER_CREATED, "probe-worker");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProbeWorker.ProbeHandler handler;

    @Autowired
    DeadLetterReplay replay;

    @Test
    void badJsonIsDeadLetteredAtOnceAndTheOrderBehindItIsProcessed() {
        String customer = newCustomer("bad-json");
        OrderCreated behind = order(customer, "SKU-001", 1, 100);

        RecordMetadata bad = publishRaw(customer, "{\"orderId\": ".getBytes(StandardCharsets.UTF_8),
                orderCreatedHeaders(1));
        publish(behind);

        DeadLetter letter = await().atMost(Duration.ofSeconds(10))
                .until(() -> DeadLetterTopic.find(DLT, customer), java.util.Optional::isPresent).orElseThrow();
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\": ");
        assertOriginOf(letter, bad);
        assertThat(letter.header("kafka_dlt-exception-stacktrace")).contains(
                "dev.orderflow.events.EventFormatException: Cannot read OrderCreated");
        await().atMost(Duration.ofSeconds(10)).until(() -> effects().of(behind.orderId()) == 1);
    }

    @Test
    void unknownEventVersionIsDeadLetteredAtOnceAndTheOrderBehindItIsProcessed() {
        String customer = newCustomer("version-99");
        OrderCreated behind = order(customer, "SKU-001", 1, 100);

        RecordMetadata unknown = publishRaw(customer, "{}".getBytes(StandardCharsets.UTF_8), orderCreatedHeaders(99));
        publish(behind);

        DeadLetter letter = await().atMost(Duration.ofSeconds(10))
                .until(() -> DeadLetterTopic.find(DLT, customer), java.util.Optional::isPresent).orElseThrow();
        assertOriginOf(letter, unknown);
        assertThat(letter.header("kafka_dlt-exception-stacktrace")).contains("Unknown event OrderCreated version 99");
        await().atMost(Duration.ofSeconds(10)).until(() -> effects().of(behind.orderId()) == 1);
    }

    @Test
    void orderThatKeepsFailingIsDeadLetteredAfterRetriesAndTheOrderBehindItIsProcessed() {
        String customer = newCustomer("always-failing");
        OrderCreated doomed = order(customer, "SKU-001", 1, 100);
        OrderCreated behind = order(customer, "SKU-001", 2, 100);
        handler.failingOrders.add(doomed.orderId());

        publish(doomed, behind);

        DeadLetter letter = await().atMost(Duration.ofSeconds(10))
                .until(() -> DeadLetterTopic.find(DLT, customer), java.util.Optional::isPresent).orElseThrow();
        assertThat(letter.header("kafka_dlt-exception-message")).contains("Provider refuses");
        assertThat(letter.header("kafka_dlt-original-consumer-group")).isEqualTo("probe-worker");
        await().atMost(Duration.ofSeconds(10)).until(() -> effects().of(behind.orderId()) == 1);
        assertThat(effects().of(doomed.orderId())).isZero();
        assertThat(handler.performed).doesNotContainKey(doomed.orderId());
    }

    @Test
    void orderWhoseProviderIsUnavailableBeyondTheRetriesIsConsumedAgainNotDeadLettered() {
        String customer = newCustomer("provider-outage");
        OrderCreated waiting = order(customer, "SKU-001", 1, 100);
        handler.unavailableOrders.add(waiting.orderId());

        publish(waiting);
        // 3 attempts per delivery (test configuration): a 4th call means it was consumed again, not dead-lettered.
        await().atMost(Duration.ofSeconds(20)).until(() -> callsWhileUnavailable(waiting) > 3);
        handler.unavailableOrders.remove(waiting.orderId());

        await().atMost(Duration.ofSeconds(20)).until(() -> effects().of(waiting.orderId()) == 1);
        assertThat(DeadLetterTopic.find(DLT, customer)).isEmpty();
        assertThat(handler.performed.get(waiting.orderId())).hasValue(1);
    }

    @Test
    void replayProcessesDeadLettersInThisGroupOnly() {
        String customer = newCustomer("replayed");
        OrderCreated order = order(customer, "SKU-001", 1, 100);
        handler.failingOrders.add(order.orderId());
        publish(order);
        await().atMost(Duration.ofSeconds(10)).until(() -> DeadLetterTopic.find(DLT, customer).isPresent());
        long sourceRecordsBefore = DeadLetterTopic.read(Topics.ORDER_CREATED).size();

        handler.failingOrders.remove(order.orderId());
        DeadLetterReplay.Report report = replay.replay();

        assertThat(report.complete()).isTrue();
        assertThat(report.processed()).isGreaterThanOrEqualTo(1);
        assertThat(effects().of(order.orderId())).isEqualTo(1);
        assertThat(DeadLetterTopic.read(Topics.ORDER_CREATED)).hasSize((int) sourceRecordsBefore);
    }

    private static void assertOriginOf(DeadLetter letter, RecordMetadata original) {
        assertThat(letter.header("kafka_dlt-original-topic")).isEqualTo(Topics.ORDER_CREATED);
        assertThat(letter.header("kafka_dlt-original-consumer-group")).isEqualTo("probe-worker");
        assertThat(letter.intHeader("kafka_dlt-original-partition")).isEqualTo(original.partition());
        assertThat(letter.longHeader("kafka_dlt-original-offset")).isEqualTo(original.offset());
        assertThat(letter.header("kafka_dlt-exception-fqcn")).isNotBlank();
    }

    private int callsWhileUnavailable(OrderCreated order) {
        var calls = handler.unavailableCalls.get(order.orderId());
        return calls == null ? 0 : calls.get();
    }

    private ProbeEffects effects() {
        return new ProbeEffects(jdbc);
    }
}
