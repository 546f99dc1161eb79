package dev.orderflow.orders;

import static dev.orderflow.orders.OrderApi.json;
import static dev.orderflow.orders.OrderCreatedRecords.header;
import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventDeserializer;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentSucceeded;
import dev.orderflow.events.StockItem;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.DeadLetterTopic.DeadLetter;
import dev.orderflow.worker.testing.WorkerEndpoint;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * order-service as the saga's orchestrator: results published on payment-events and inventory-events (as
 * payment-worker and inventory-worker would) move an order on, each decision is published once on order-lifecycle,
 * and the customer may cancel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres(database = "orders")
class OrderLifecycleTest {

    static final String GROUP = "order-service";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    OrderApi api;

    @BeforeEach
    void client() {
        api = new OrderApi(port);
    }

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"payment", "stock"})
    void paymentAndStockInEitherOrderConfirmTheOrderOnce(String first) {
        Placed order = place("happy");
        PaymentSucceeded paid;

        // Each result made when it is published: the history is in the order results occurred.
        if (first.equals("payment")) {
            paid = paid(order);
            publishTo(Topics.PAYMENT_EVENTS, paid);
            awaitHistory(order, "CREATED", "PAYMENT_SUCCEEDED");
            publishTo(Topics.INVENTORY_EVENTS, reserved(order));
        } else {
            publishTo(Topics.INVENTORY_EVENTS, reserved(order));
            awaitHistory(order, "CREATED", "STOCK_RESERVED");
            paid = paid(order);
            publishTo(Topics.PAYMENT_EVENTS, paid);
        }

        JsonNode confirmed = awaitStatus(order, "CONFIRMED");
        assertThat(confirmed.get("payment").asString()).isEqualTo("SUCCEEDED");
        assertThat(confirmed.get("stock").asString()).isEqualTo("RESERVED");
        assertThat(confirmed.get("cancellationReason").isNull()).isTrue();
        assertThat(entries(confirmed)).containsExactly("CREATED",
                first.equals("payment") ? "PAYMENT_SUCCEEDED" : "STOCK_RESERVED",
                first.equals("payment") ? "STOCK_RESERVED" : "PAYMENT_SUCCEEDED", "CONFIRMED");
        assertThat(step(confirmed, "PAYMENT_SUCCEEDED").get("eventId").asString()).isEqualTo(paid.eventId().toString());
        assertThat(step(confirmed, "STOCK_RESERVED").get("detail").asString()).isEqualTo("SKU-001 x2");

        ConsumerRecord<String, byte[]> record = onlyLifecycleRecordOf(order);
        OrderConfirmed event = (OrderConfirmed) read(record);
        assertThat(record.key()).isEqualTo(order.customerId());
        assertThat(header(record, "event-type")).isEqualTo("OrderConfirmed");
        assertThat(header(record, "event-version")).isEqualTo("1");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "event-id")).isEqualTo(event.eventId().toString());
        assertThat(event.orderId()).isEqualTo(order.id());
        assertThat(event.totalMinor()).isEqualTo(2598);
        assertThat(event.currency()).isEqualTo("EUR");
        assertThat(step(confirmed, "CONFIRMED").get("eventId").asString()).isEqualTo(event.eventId().toString());
    }

    @Test
    void declinedPaymentAfterReservationCancelsTheOrderAndReleasesTheStock() {
        Placed order = place("declined");

        publishTo(Topics.INVENTORY_EVENTS, reserved(order));
        awaitHistory(order, "CREATED", "STOCK_RESERVED");
        publishTo(Topics.PAYMENT_EVENTS, declined(order));

        JsonNode cancelled = awaitStatus(order, "CANCELLED");
        assertThat(cancelled.get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(cancelled.get("payment").asString()).isEqualTo("DECLINED");
        assertThat(cancelled.get("stock").asString()).isEqualTo("RESERVED");
        assertThat(entries(cancelled)).containsExactly("CREATED", "STOCK_RESERVED", "PAYMENT_DECLINED", "CANCELLED");
        assertThat(step(cancelled, "PAYMENT_DECLINED").get("detail").asString()).isEqualTo("CARD_DECLINED");
        OrderCancelled event = (OrderCancelled) read(onlyLifecycleRecordOf(order));
        assertThat(event.reason()).isEqualTo(OrderCancelled.Reason.PAYMENT_DECLINED);
        assertThat(event.compensations()).containsExactly(OrderCancelled.Compensation.RELEASE_STOCK);
    }

    @Test
    void declinedPaymentBeforeAnyOtherResultCancelsWithNothingToCompensateAndALateResultOnlyJoinsTheHistory() {
        Placed order = place("late");

        publishTo(Topics.PAYMENT_EVENTS, declined(order));
        awaitStatus(order, "CANCELLED");
        publishTo(Topics.INVENTORY_EVENTS, reserved(order));

        JsonNode after = awaitHistory(order, "CREATED", "PAYMENT_DECLINED", "CANCELLED", "STOCK_RESERVED");
        assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        OrderCancelled event = (OrderCancelled) read(onlyLifecycleRecordOf(order));
        assertThat(event.reason()).isEqualTo(OrderCancelled.Reason.PAYMENT_DECLINED);
        assertThat(event.compensations()).isEmpty();
    }

    @Test
    void everyResultDeliveredTwiceHasTheEffectOfOneDelivery() {
        Placed order = place("twice");
        PaymentSucceeded paid = paid(order);
        StockReserved reserved = reserved(order);

        // Each event twice, and the same reservation once more under a new event id (a republished fact).
        publishTo(Topics.PAYMENT_EVENTS, paid, paid);
        publishTo(Topics.INVENTORY_EVENTS, reserved, reserved, reserved(order));
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.PAYMENT_EVENTS);
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.INVENTORY_EVENTS);

        JsonNode confirmed = awaitStatus(order, "CONFIRMED");
        assertThat(entries(confirmed)).containsExactlyInAnyOrder("CREATED", "PAYMENT_SUCCEEDED", "STOCK_RESERVED",
                "CONFIRMED");
        assertThat(read(onlyLifecycleRecordOf(order))).isInstanceOf(OrderConfirmed.class);
    }

    @Test
    void customerCancelsAConfirmedOrderOnceAndAskingAgainAnswersTheSameOrder() {
        Placed order = confirmedOrder("cancel");

        HttpResponse<String> cancel = api.asCustomer(order.customerId()).cancel(order.id());
        HttpResponse<String> again = api.asCustomer(order.customerId()).cancel(order.id());

        assertThat(cancel.statusCode()).isEqualTo(200);
        JsonNode cancelled = json(cancel);
        assertThat(cancelled.get("id").asString()).isEqualTo(order.id().toString());
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancellationReason").asString()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(entries(cancelled)).containsExactly("CREATED", "PAYMENT_SUCCEEDED", "STOCK_RESERVED", "CONFIRMED",
                "CANCELLED");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(cancelled);
        assertThat(json(api.get("/orders/" + order.id()))).isEqualTo(cancelled);
        List<DomainEvent> events = lifecycleEventsOf(order, 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(OrderConfirmed.class);
        OrderCancelled event = (OrderCancelled) events.get(1);
        assertThat(event.reason()).isEqualTo(OrderCancelled.Reason.CUSTOMER_REQUEST);
        assertThat(event.compensations()).containsExactly(OrderCancelled.Compensation.REFUND_PAYMENT,
                OrderCancelled.Compensation.RELEASE_STOCK);
        assertThat(step(cancelled, "CANCELLED").get("eventId").asString()).isEqualTo(event.eventId().toString());
    }

    @Test
    void cancellingAnOrderCancelledForADeclinedPaymentIsAConflict() {
        Placed order = place("conflict");
        publishTo(Topics.PAYMENT_EVENTS, declined(order));
        awaitStatus(order, "CANCELLED");

        HttpResponse<String> cancel = api.asCustomer(order.customerId()).cancel(order.id());

        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(cancel.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(cancel);
        assertThat(problem.get("title").asString()).isEqualTo("Order already cancelled");
        assertThat(problem.get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(problem.get("orderId").asString()).isEqualTo(order.id().toString());
        assertThat(json(api.get("/orders/" + order.id())).get("cancellationReason").asString())
                .isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        HttpResponse<String> cancel = api.asCustomer("customer-" + UUID.randomUUID()).cancel(UUID.randomUUID());

        assertThat(cancel.statusCode()).isEqualTo(404);
        assertThat(cancel.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void cancelRequestsRacingTheDecidingResultAllAnswer200AndCancelOnce() throws Exception {
        Placed order = place("race");
        publishTo(Topics.PAYMENT_EVENTS, paid(order));
        awaitHistory(order, "CREATED", "PAYMENT_SUCCEEDED");
        List<CompletableFuture<HttpResponse<String>>> cancels = new ArrayList<>();

        // Given the order's row held by another transaction, so that the consumer recording the deciding result
        // and five cancel requests all queue up for it together
        try (Connection blocker = TestPostgres.database("orders").connect();
                Connection observer = TestPostgres.database("orders").connect()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT id FROM orders WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, order.id());
                lock.executeQuery().close();
            }
            publishTo(Topics.INVENTORY_EVENTS, reserved(order));
            for (int i = 0; i < 5; i++) {
                cancels.add(api.asCustomer(order.customerId()).cancelAsync(order.id()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForLocks(observer) >= 6);

            // When the row is released
            blocker.commit();
        }

        // Then every request answers 200 with the order cancelled by the customer, and it was cancelled once
        for (CompletableFuture<HttpResponse<String>> cancel : cancels) {
            HttpResponse<String> response = cancel.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("cancellationReason").asString()).isEqualTo("CUSTOMER_REQUEST");
        }
        JsonNode after = awaitHistoryContains(order, "STOCK_RESERVED");
        assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(entries(after)).containsOnlyOnce("CANCELLED");
        List<DomainEvent> events = lifecycleEventsOf(order, 1);
        assertThat(events).filteredOn(OrderCancelled.class::isInstance).hasSize(1);
        // Whoever got the row first: the result (confirmed, then cancelled) or a cancel (the result comes late).
        assertThat(events).filteredOn(OrderConfirmed.class::isInstance)
                .hasSize(entries(after).contains("CONFIRMED") ? 1 : 0);
    }

    /** Sessions of this database waiting for a lock (asked outside any transaction: the view is not cached). */
    private static int waitingForLocks(Connection connection) throws Exception {
        try (var rows = connection.createStatement().executeQuery("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aResultForAnUnknownOrderIsDeadLetteredWithTheReason() {
        String customer = "unknown-" + UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        PaymentSucceeded stray = new PaymentSucceeded(UUID.randomUUID(), orderId, customer, Instant.now(),
                UUID.randomUUID(), 100, "EUR", "sim_stray");

        publishTo(Topics.PAYMENT_EVENTS, stray);

        String dlt = Topics.deadLetter(Topics.PAYMENT_EVENTS, GROUP);
        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> DeadLetterTopic.find(dlt, customer), Optional::isPresent).orElseThrow();
        assertThat(letter.header("kafka_dlt-exception-message"))
                .contains("order " + orderId + " is unknown to order-service");
        assertThat(letter.header("kafka_dlt-original-topic")).isEqualTo(Topics.PAYMENT_EVENTS);
        assertThat(letter.header("kafka_dlt-original-consumer-group")).isEqualTo(GROUP);
        assertThat(json(new WorkerEndpoint(managementPort).body("/actuator/deadletters")).get(dlt).asLong())
                .isGreaterThanOrEqualTo(1);
    }

    // --- the participants' results, as payment-worker and inventory-worker publish them

    /** An order placed over HTTP: 2 x SKU-001 at 12.99 EUR. */
    record Placed(UUID id, String customerId) {
    }

    private Placed place(String prefix) {
        String customer = prefix + "-" + UUID.randomUUID();
        HttpResponse<String> response = api.post(OrderApi.order(customer, "SKU-001", 2, 1299));
        assertThat(response.statusCode()).isEqualTo(201);
        return new Placed(UUID.fromString(json(response).get("id").asString()), customer);
    }

    private Placed confirmedOrder(String prefix) {
        Placed order = place(prefix);
        publishTo(Topics.PAYMENT_EVENTS, paid(order));
        publishTo(Topics.INVENTORY_EVENTS, reserved(order));
        awaitStatus(order, "CONFIRMED");
        return order;
    }

    private static PaymentSucceeded paid(Placed order) {
        return new PaymentSucceeded(UUID.randomUUID(), order.id(), order.customerId(), Instant.now(),
                UUID.randomUUID(), 2598, "EUR", "sim_" + order.id());
    }

    private static PaymentDeclined declined(Placed order) {
        return new PaymentDeclined(UUID.randomUUID(), order.id(), order.customerId(), Instant.now(), "CARD_DECLINED");
    }

    private static StockReserved reserved(Placed order) {
        return new StockReserved(UUID.randomUUID(), order.id(), order.customerId(), Instant.now(),
                List.of(new StockItem("SKU-001", 2)));
    }

    // --- reading the order and order-lifecycle

    private JsonNode awaitStatus(Placed order, String status) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> json(api.get("/orders/" + order.id())), o -> status.equals(o.get("status").asString()));
    }

    private JsonNode awaitHistory(Placed order, String... entries) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> json(api.get("/orders/" + order.id())), o -> entries(o).equals(List.of(entries)));
    }

    private JsonNode awaitHistoryContains(Placed order, String... entries) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> json(api.get("/orders/" + order.id())), o -> entries(o).containsAll(List.of(entries)));
    }

    private static List<String> entries(JsonNode order) {
        List<String> entries = new ArrayList<>();
        order.get("history").forEach(step -> entries.add(step.get("entry").asString()));
        return entries;
    }

    private static JsonNode step(JsonNode order, String entry) {
        for (JsonNode step : order.get("history")) {
            if (entry.equals(step.get("entry").asString())) {
                return step;
            }
        }
        throw new AssertionError("No " + entry + " in " + order.get("history"));
    }

    /** The order's one record on order-lifecycle, after waiting a little longer for a second one that must not come. */
    private static ConsumerRecord<String, byte[]> onlyLifecycleRecordOf(Placed order) {
        List<ConsumerRecord<String, byte[]>> records = lifecycleRecordsOf(order, 1);
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    private static List<DomainEvent> lifecycleEventsOf(Placed order, int expected) {
        return lifecycleRecordsOf(order, expected).stream().map(OrderLifecycleTest::read).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> lifecycleRecordsOf(Placed order, int expected) {
        return OrderCreatedRecords.read(TestKafka.bootstrapServers(), Topics.ORDER_LIFECYCLE,
                r -> order.customerId().equals(r.key()), expected, Duration.ofSeconds(15), Duration.ofSeconds(2));
    }

    private static DomainEvent read(ConsumerRecord<String, byte[]> record) {
        try (EventDeserializer deserializer = new EventDeserializer()) {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }
}
