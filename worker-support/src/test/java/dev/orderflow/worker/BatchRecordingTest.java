package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker whose handler is a {@link BatchEventHandler}: a polled batch is recorded in one transaction, a redelivered
 * batch is not recorded again, and a poison event in a batch is dead-lettered alone while the rest count once. The
 * per-record path would make a transaction per record here ({@code group-commit.max-size=1}), so the transaction
 * count tells the two paths apart.
 */
@SpringBootTest(classes = BatchRecordingTest.BatchProbeWorker.class, properties = {
        "spring.application.name=" + BatchRecordingTest.GROUP, "orderflow.worker.group-commit.max-size=1"})
@WithKafka
@WithPostgres(database = "batchprobe")
class BatchRecordingTest {

    static final String GROUP = "batch-probe-worker";
    static final String DLT = Topics.deadLetter(Topics.ORDER_CREATED, GROUP);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BatchProbeHandler handler;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    @Qualifier("workerListenerContainer")
    ConcurrentMessageListenerContainer<String, DomainEvent> container;

    @AfterEach
    void consumeAgain() {
        handler.poison.clear();
        if (!container.isRunning()) {
            container.start();
        }
    }

    @Test
    void aPolledBatchIsRecordedOnceInOneTransaction() {
        List<OrderCreated> orders = ordersOfNewCustomers("batch", 40);

        whileStopped(() -> publish(orders));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        orders.forEach(order -> assertThat(effectsOf(order)).as("effects of %s", order.orderId()).isOne());
        assertThat(transactionsOf(orders)).as("the per-record path would take 40").isLessThanOrEqualTo(3);
        orders.forEach(order -> assertThat(processedOrders.outcomeOf(order.orderId())).contains("BATCHED"));
    }

    @Test
    void aRedeliveredBatchIsNotRecordedAgain() {
        List<OrderCreated> orders = ordersOfNewCustomers("redelivered", 30);
        Map<TopicPartition, OffsetAndMetadata> before = endOffsets(Topics.ORDER_CREATED);
        publish(orders);
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        double duplicatesBefore = duplicates();

        // The offsets go back to before the batch, as after a crash between the commit and the offset commit.
        whileStopped(() -> rewind(before));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        assertThat(duplicates() - duplicatesBefore).as("every order delivered again").isGreaterThanOrEqualTo(30);
        orders.forEach(order -> assertThat(effectsOf(order)).as("effects of %s", order.orderId()).isOne());
    }

    @Test
    void aPoisonEventInTheMiddleOfABatchIsDeadLetteredAloneAndTheRestAreRecordedOnce() {
        List<OrderCreated> orders = ordersOfNewCustomers("poisoned", 21);
        OrderCreated poison = orders.get(10);
        handler.poison.add(poison.orderId());

        whileStopped(() -> publish(orders));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> DeadLetterTopic.find(DLT, poison.customerId()).isPresent());
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        assertThat(handler.batches).as("the batch was tried at once before the poison was isolated")
                .anySatisfy(batch -> assertThat(batch).contains(poison.orderId()).hasSizeGreaterThan(1));
        for (OrderCreated order : orders) {
            assertThat(effectsOf(order)).as("effects of %s", order.orderId()).isEqualTo(order == poison ? 0 : 1);
        }
        assertThat(processedOrders.outcomeOf(poison.orderId())).isEmpty();
    }

    /** The ledger's set-based claim: keys another delivery holds are left out of what it answers, and not changed. */
    @Test
    void claimingABatchAnswersOnlyTheEventsNotClaimedBefore() {
        List<DomainEvent> first = new ArrayList<>(ordersOfNewCustomers("claim", 3));
        List<DomainEvent> second = List.of(first.get(2), ordersOfNewCustomers("claim", 1).getFirst());
        transaction.execute(status -> processedOrders.claimAll(first, List.of("A", "A", "A")));

        Set<Object> claimed = transaction.execute(status -> processedOrders.claimAll(second, List.of("B", "B")));

        assertThat(claimed).containsExactly(second.get(1).orderId());
        assertThat(processedOrders.outcomeOf(second.get(0).orderId())).contains("A");
        assertThat(processedOrders.outcomeOf(second.get(1).orderId())).contains("B");
    }

    private void whileStopped(Runnable action) {
        container.stop();
        action.run();
        container.start();
    }

    private static List<OrderCreated> ordersOfNewCustomers(String prefix, int count) {
        List<OrderCreated> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(order(newCustomer(prefix), "SKU-001", 1, 100));
        }
        return orders;
    }

    private long effectsOf(OrderCreated order) {
        return jdbc.sql("SELECT count(*) FROM batch_probe_effects WHERE order_id = ?").param(order.orderId())
                .query(Long.class).single();
    }

    private long transactionsOf(List<OrderCreated> orders) {
        return jdbc.sql("SELECT count(DISTINCT txid) FROM batch_probe_effects WHERE order_id = ANY (?::uuid[])")
                .param(orders.stream().map(order -> order.orderId().toString()).toArray(String[]::new))
                .query(Long.class).single();
    }

    private double duplicates() {
        return meters.get("orderflow.worker.records").tag("outcome", "duplicate").counter().count();
    }

    private static Map<TopicPartition, OffsetAndMetadata> endOffsets(String topic) {
        try (Admin admin = TestKafka.admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic, e);
        }
    }

    private static void rewind(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (Admin admin = TestKafka.admin()) {
            // The group's members may take a moment to leave after the container stopped.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.alterConsumerGroupOffsets(GROUP, offsets).all().get() == null);
        }
    }

    /** A worker with one batch handler: its effect is a row per order with the id of the transaction that wrote it. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BatchProbeWorker {

        @Bean
        BatchProbeHandler batchProbeHandler(JdbcClient jdbc) {
            // Deliberately without a unique order id, so a doubled effect would show.
            jdbc.sql("CREATE TABLE IF NOT EXISTS batch_probe_effects (order_id uuid NOT NULL, txid bigint NOT NULL)")
                    .update();
            return new BatchProbeHandler(jdbc);
        }
    }

    /** Writes its effect for the whole batch in one statement, then refuses any batch that holds a poison order. */
    static class BatchProbeHandler implements OrderCreatedHandler<Void>, BatchEventHandler<OrderCreated> {

        final Set<UUID> poison = ConcurrentHashMap.newKeySet();
        /** The order ids of every recordAll call, batches and single events alike. */
        final List<List<UUID>> batches = new CopyOnWriteArrayList<>();
        private final JdbcClient jdbc;

        BatchProbeHandler(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String outcome() {
            return "BATCHED";
        }

        @Override
        public void recordAll(List<OrderCreated> orders) {
            List<UUID> ids = orders.stream().map(OrderCreated::orderId).toList();
            batches.add(ids);
            jdbc.sql("INSERT INTO batch_probe_effects (order_id, txid) SELECT id, txid_current() "
                            + "FROM unnest(?::uuid[]) AS id")
                    .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                    .update();
            if (ids.stream().anyMatch(poison::contains)) {
                throw new IllegalStateException("Poison order in " + ids.size() + " order(s)");
            }
        }
    }
}
