package dev.orderflow.analyticsworker.sales;

import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.WorkerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The sales figures counted a polled batch at a time (published while the worker is stopped, so they arrive as one
 * poll): each order once, a redelivered batch not again, and an order that cannot be counted dead-lettered alone.
 */
@WorkerTest(database = "analytics")
class BatchCountingTest {

    private static final String GROUP = "analytics-worker";
    private static final List<String> REGIONS = List.of("EU", "US", "APAC");
    private static final List<String> SKUS = List.of("SKU-001", "SKU-002", "SKU-003");

    @Autowired
    SalesFigures figures;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("workerListenerContainer")
    ConcurrentMessageListenerContainer<String, DomainEvent> container;

    @AfterEach
    void consumeAgain() {
        if (!container.isRunning()) {
            container.start();
        }
    }

    @Test
    void aBatchOfOrdersIsCountedOnce() {
        LocalDate day = LocalDate.of(2005, 1, 10);
        List<OrderCreated> orders = ordersOn(day, 60);

        whileStopped(() -> publish(orders));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        assertThat(figures.daily(day, day)).containsExactly(expectedDaily(day, orders));
        assertThat(unitsOf(day)).isEqualTo(orders.stream().mapToLong(o -> o.items().getFirst().quantity()).sum());
        orders.forEach(order -> assertThat(processedOrders.outcomeOf(order.orderId())).contains("COUNTED"));
    }

    @Test
    void aRedeliveredBatchIsNotCountedTwice() {
        LocalDate day = LocalDate.of(2005, 1, 11);
        List<OrderCreated> orders = ordersOn(day, 40);
        Map<TopicPartition, OffsetAndMetadata> before = endOffsets();
        whileStopped(() -> publish(orders));
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        double duplicatesBefore = duplicates();

        // Back to before the batch, as after a crash between the database commit and the offset commit.
        whileStopped(() -> rewind(before));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        assertThat(duplicates() - duplicatesBefore).as("the batch was delivered again").isGreaterThanOrEqualTo(40);
        assertThat(figures.daily(day, day)).containsExactly(expectedDaily(day, orders));
    }

    /**
     * The poison: an order whose total would take its day's counter row past a bigint. The batch's statement fails,
     * the batch goes through the per-record path, and only that order fails there, until it is dead-lettered.
     */
    @Test
    void anOrderThatCannotBeCountedIsDeadLetteredAndTheRestOfItsBatchCountedOnce() {
        LocalDate full = LocalDate.of(2005, 1, 12);
        LocalDate day = LocalDate.of(2005, 1, 13);
        OrderCreated first = ordersOn(full, 1).getFirst();
        publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> processedOrders.outcomeOf(first.orderId()).isPresent());
        OrderCreated poison = overflowing(first);
        List<OrderCreated> batch = new ArrayList<>(ordersOn(day, 20));
        batch.add(10, poison);

        whileStopped(() -> publish(batch));

        await().atMost(Duration.ofSeconds(30)).until(() -> DeadLetterTopic.find(
                Topics.deadLetter(Topics.ORDER_CREATED, GROUP), poison.customerId()).isPresent());
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        batch.remove(poison);
        assertThat(figures.daily(day, day)).containsExactly(expectedDaily(day, batch));
        assertThat(figures.daily(full, full)).containsExactly(expectedDaily(full, List.of(first)));
        assertThat(processedOrders.outcomeOf(poison.orderId())).isEmpty();
        batch.forEach(order -> assertThat(processedOrders.outcomeOf(order.orderId())).contains("COUNTED"));
    }

    private void whileStopped(Runnable action) {
        container.stop();
        action.run();
        container.start();
    }

    /** Orders of one day in EUR, spread over regions and SKUs, each of its own customer. */
    private static List<OrderCreated> ordersOn(LocalDate day, int count) {
        List<OrderCreated> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OrderCreated order = SalesOrders.orderOn(day, REGIONS.get(i % REGIONS.size()), "EUR",
                    new OrderCreated.Item(SKUS.get(i % SKUS.size()), 1 + i % 4, 100 + i));
            orders.add(order);
        }
        return orders;
    }

    /** An order of the same day, currency and counter slot as {@code counted}, whose total fills a bigint. */
    private static OrderCreated overflowing(OrderCreated counted) {
        UUID orderId;
        do {
            orderId = UUID.randomUUID();
        } while (Math.floorMod(orderId.hashCode(), SalesFigures.SLOTS)
                != Math.floorMod(counted.orderId().hashCode(), SalesFigures.SLOTS));
        return new OrderCreated(UUID.randomUUID(), orderId, "shopper-" + UUID.randomUUID(),
                new OrderCreated.Contact(null, null), "EU", "EUR",
                List.of(new OrderCreated.Item("SKU-009", 1, Long.MAX_VALUE)), Long.MAX_VALUE,
                LocalDate.ofInstant(counted.createdAt(), ZoneOffset.UTC).atTime(13, 0).toInstant(ZoneOffset.UTC));
    }

    private static SalesFigures.DailySales expectedDaily(LocalDate day, List<OrderCreated> orders) {
        return new SalesFigures.DailySales(day, "EUR", orders.size(),
                orders.stream().mapToLong(OrderCreated::totalMinor).sum());
    }

    private long unitsOf(LocalDate day) {
        return figures.skus(day, day).stream().mapToLong(SalesFigures.SkuSales::units).sum();
    }

    private double duplicates() {
        return meters.get("orderflow.worker.records").tag("outcome", "duplicate").counter().count();
    }

    private static Map<TopicPartition, OffsetAndMetadata> endOffsets() {
        try (Admin admin = TestKafka.admin()) {
            var partitions = admin.describeTopics(List.of(Topics.ORDER_CREATED)).allTopicNames().get()
                    .get(Topics.ORDER_CREATED).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ORDER_CREATED, p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the end offsets of " + Topics.ORDER_CREATED, e);
        }
    }

    private static void rewind(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (Admin admin = TestKafka.admin()) {
            // The group's members may take a moment to leave after the container stopped.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.alterConsumerGroupOffsets(GROUP, offsets).all().get() == null);
        }
    }
}
