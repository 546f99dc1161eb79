package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.PaymentRefunded;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.system.ServiceApi.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The order lifecycle on the whole system, every service its own process: each path of the saga, its races,
 * duplicated saga events, a customer's cancellation, and the invariants after a thousand orders with scarce
 * stock, declines and duplicates. Each scenario uses SKUs and customers of its own, so they share one system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSystem.class)
class SagaScenariosTest {

    /** The groups that read each saga topic, as the services subscribe. */
    static final Map<String, List<String>> READERS = Map.of(
            Topics.ORDER_CREATED, SharedSystem.WORKERS,
            Topics.PAYMENT_EVENTS, List.of("order-service", "analytics-worker"),
            Topics.INVENTORY_EVENTS, List.of("order-service"),
            Topics.ORDER_LIFECYCLE, List.of("payment-worker", "inventory-worker", "email-worker", "analytics-worker"));

    private SystemUnderTest system;
    private ServiceApi api;
    private SagaTopics topics;
    private Effects effects;

    @BeforeAll
    void connect() {
        system = SharedSystem.system();
        api = new ServiceApi(system.service("order-service").baseUri(), system.service("inventory-worker").baseUri());
        topics = new SagaTopics(system.kafkaAdminClient());
        effects = new Effects(system);
    }

    @Test
    void paidAndReservedOrderIsConfirmedWithItsHistory() {
        String sku = newSku("happy", 10);

        UUID id = api.place(customer("happy"), List.of(new Line(sku, 2, 1_299)));

        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(api.status(id)));
        JsonNode order = api.order(id);
        assertThat(order.get("payment").asString()).isEqualTo("SUCCEEDED");
        assertThat(order.get("stock").asString()).isEqualTo("RESERVED");
        List<String> history = entries(order);
        assertThat(history.getFirst()).isEqualTo("CREATED");
        assertThat(history.subList(1, 3)).containsExactlyInAnyOrder("PAYMENT_SUCCEEDED", "STOCK_RESERVED");
        assertThat(history.getLast()).isEqualTo("CONFIRMED");
        assertThat(api.stock(sku)).isEqualTo(8);
    }

    @Test
    void declinedPaymentCancelsTheOrderAndReleasesItsStockOnce() {
        String sku = newSku("declined", 10);

        UUID id = api.place(customer("declined") + "-declined", List.of(new Line(sku, 3, 500)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode order = api.order(id);
            assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(order.get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
            assertThat(entries(order)).contains("STOCK_RELEASED");
        });
        awaitAllCaughtUp();
        assertThat(api.stock(sku)).isEqualTo(10);
        assertThat(count(id, StockReleased.TYPE)).isEqualTo(1);
        assertThat(count(id, PaymentRefunded.TYPE)).isZero();
    }

    @Test
    void outOfStockCancelsThePaidOrderAndRefundsItOnce() throws Exception {
        String sku = newSku("scarce", 1);
        ServiceProcess inventory = system.service("inventory-worker");
        inventory.stop();
        UUID id;
        try {
            id = api.place(customer("scarce"), List.of(new Line(sku, 2, 700)));
            // Paid before inventory-worker even sees the order: the refund is certain, not a matter of timing.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "SUCCEEDED".equals(api.order(id).get("payment").asString()));
        } finally {
            inventory.start();
            inventory.awaitReady(Duration.ofSeconds(180));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode order = api.order(id);
            assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(order.get("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");
            assertThat(entries(order)).contains("PAYMENT_REFUNDED");
        });
        awaitAllCaughtUp();
        assertThat(count(id, PaymentRefunded.TYPE)).isEqualTo(1);
        assertThat(netCharge(id)).isZero();
        assertThat(api.stock(sku)).isEqualTo(1);
    }

    @Test
    void orderFailingBothWaysIsCancelledWithoutAnyCompensation() throws Exception {
        String sku = newSku("both", 0);

        UUID id = api.place(customer("both") + "-declined", List.of(new Line(sku, 1, 100)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode order = api.order(id);
            assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(entries(order)).contains("PAYMENT_DECLINED", "STOCK_REJECTED");
        });
        awaitAllCaughtUp();
        assertThat(count(id, PaymentRefunded.TYPE)).isZero();
        assertThat(count(id, StockReleased.TYPE)).isZero();
        assertThat(netCharge(id)).isZero();
    }

    /**
     * Back up, inventory-worker reads the order's OrderCreated and its OrderCancelled from two topics, in whichever
     * order its first polls return them: cancellation first takes nothing (that path, with a controlled order, is
     * inventory-worker's StockReleaseTest), OrderCreated first reserves and then releases once. Either way its stock
     * ends untouched and nothing is released that was not reserved.
     */
    @Test
    void orderCancelledWhileInventoryWorkerIsDownLeavesItsStockUntouched() {
        String sku = newSku("race", 5);
        ServiceProcess inventory = system.service("inventory-worker");
        inventory.stop();
        UUID id;
        try {
            id = api.place(customer("race") + "-declined", List.of(new Line(sku, 2, 100)));
            await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(api.status(id)));
        } finally {
            inventory.start();
            inventory.awaitReady(Duration.ofSeconds(180));
        }

        awaitAllCaughtUp();
        assertThat(api.stock(sku)).isEqualTo(5);
        long reserved = count(id, StockReserved.TYPE);
        assertThat(reserved).isLessThanOrEqualTo(1);
        assertThat(count(id, StockReleased.TYPE)).isEqualTo(reserved);
        assertThat(api.order(id).get("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void customerCancellingAConfirmedOrderIsRefundedAndReleasedOnce() throws Exception {
        String sku = newSku("regret", 10);
        UUID id = api.place(customer("regret"), List.of(new Line(sku, 4, 250)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(api.status(id)));

        ServiceApi.Answer first = api.cancel(id);
        ServiceApi.Answer second = api.cancel(id);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(first.body().get("cancellationReason").asString()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("id").asString()).isEqualTo(id.toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(entries(api.order(id))).contains("PAYMENT_REFUNDED", "STOCK_RELEASED"));
        awaitAllCaughtUp();
        assertThat(api.stock(sku)).isEqualTo(10);
        assertThat(count(id, OrderCancelled.TYPE)).isEqualTo(1);
        assertThat(count(id, PaymentRefunded.TYPE)).isEqualTo(1);
        assertThat(count(id, StockReleased.TYPE)).isEqualTo(1);
        assertThat(netCharge(id)).isZero();
    }

    @Test
    void everySagaEventDeliveredTwiceChangesNothing() {
        String sku = newSku("twice", 4);
        List<UUID> ids = List.of(
                api.place(customer("twice"), List.of(new Line(sku, 1, 100))),
                api.place(customer("twice") + "-declined", List.of(new Line(sku, 1, 100))),
                api.place(customer("twice"), List.of(new Line(sku, 2, 100))),
                api.place(customer("twice"), List.of(new Line(sku, 3, 100))));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().noneMatch(this::pending));
        awaitAllCaughtUp();
        Map<UUID, String> before = states(ids);
        long stockBefore = api.stock(sku);

        int copies = topics.deliverAgain(topics.read(SagaTopics.ALL).stream()
                .filter(r -> ids.contains(r.orderId())).toList());

        awaitAllCaughtUp();
        assertThat(copies).isGreaterThanOrEqualTo(ids.size() * 3);
        assertThat(states(ids)).isEqualTo(before);
        assertThat(api.stock(sku)).isEqualTo(stockBefore);
        for (UUID id : ids) {
            assertThat(count(id, PaymentRefunded.TYPE)).as("refunds of " + id).isLessThanOrEqualTo(1);
            assertThat(count(id, StockReleased.TYPE)).as("releases of " + id).isLessThanOrEqualTo(1);
            assertThat(count(id, OrderCancelled.TYPE) + count(id, "OrderConfirmed")).as("outcomes of " + id)
                    .isEqualTo(1);
        }
    }

    /**
     * A thousand orders from a hundred customers over twenty SKUs, stock for about half of them, one customer in
     * ten declined, and every saga event delivered a second time halfway and at the end: the invariants of the
     * contract hold at rest.
     */
    @Test
    void invariantsHoldForAThousandOrdersWithScarceStockDeclinesAndDuplicates() throws Exception {
        int stockPerSku = 40;
        List<String> skus = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            skus.add(newSku("inv" + i, stockPerSku));
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<UUID, Line> placed = new ConcurrentHashMap<>();
        AtomicInteger declinedCustomersOrders = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (var requests = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                requests.execute(() -> {
                    try {
                        int customer = ThreadLocalRandom.current().nextInt(100);
                        boolean declined = customer % 10 == 0;
                        Line line = new Line(skus.get(ThreadLocalRandom.current().nextInt(skus.size())),
                                1 + ThreadLocalRandom.current().nextInt(2), 100 + n);
                        placed.put(api.place("inv-" + run + "-" + customer + (declined ? "-declined" : ""),
                                List.of(line)), line);
                        if (declined) {
                            declinedCustomersOrders.incrementAndGet();
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(e);
                    }
                });
                if (i == 500) {
                    requests.execute(() -> topics.deliverAgain(topics.read(SagaTopics.ALL)));
                }
            }
            requests.shutdown();
            assertThat(requests.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(failures).as("orders not accepted").isEmpty();
        assertThat(placed).hasSize(1_000);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> effects.pendingOrders(placed.keySet()) == 0);
        topics.deliverAgain(topics.read(SagaTopics.ALL).stream()
                .filter(r -> placed.containsKey(r.orderId())).toList());
        awaitAllCaughtUp();

        Map<UUID, String> outcomes = effects.outcomes(placed.keySet());
        long taken = 0;
        for (String sku : skus) {
            long available = api.stock(sku);
            assertThat(available).as("stock of " + sku).isNotNegative();
            taken += stockPerSku - available;
        }
        long confirmedUnits = placed.entrySet().stream()
                .filter(e -> outcomes.get(e.getKey()).equals("CONFIRMED"))
                .mapToLong(e -> e.getValue().quantity())
                .sum();
        assertThat(taken).as("stock taken = items of confirmed orders").isEqualTo(confirmedUnits);
        Map<UUID, Effects.Money> money = effects.gatewayMoney(placed.keySet());
        for (var order : placed.entrySet()) {
            UUID id = order.getKey();
            Effects.Money paid = money.getOrDefault(id, Effects.Money.NONE);
            if (outcomes.get(id).equals("CONFIRMED")) {
                assertThat(paid.charges()).as("charges of confirmed " + id).isEqualTo(1);
                assertThat(paid.refunds()).as("refunds of confirmed " + id).isZero();
                assertThat(paid.net()).as("net charge of confirmed " + id)
                        .isEqualTo(order.getValue().quantity() * order.getValue().unitPriceMinor());
            } else {
                assertThat(paid.net()).as("net charge of cancelled " + id).isZero();
            }
        }
        Map<String, Long> counts = new HashMap<>();
        outcomes.values().forEach(outcome -> counts.merge(outcome, 1L, Long::sum));
        System.out.printf("[system-test] saga invariants: %d orders (%d from declined customers), outcomes %s%n",
                placed.size(), declinedCustomersOrders.get(), counts);
        assertThat(counts.keySet()).contains("CONFIRMED", "CANCELLED:PAYMENT_DECLINED", "CANCELLED:OUT_OF_STOCK");
    }

    /** What the payment provider kept for the order: charges minus refunds, in minor units. */
    private long netCharge(UUID id) throws Exception {
        return effects.gatewayMoney(List.of(id)).getOrDefault(id, Effects.Money.NONE).net();
    }

    private boolean pending(UUID id) {
        return "PENDING".equals(api.status(id));
    }

    private Map<UUID, String> states(List<UUID> ids) {
        Map<UUID, String> states = new HashMap<>();
        for (UUID id : ids) {
            JsonNode order = api.order(id);
            states.put(id, order.get("status").asString() + "/" + order.get("payment").asString() + "/"
                    + order.get("stock").asString() + "/" + order.get("cancellationReason").asString());
        }
        return states;
    }

    private long count(UUID orderId, String type) {
        return topics.distinctEvents(topics.read(SagaTopics.ALL), orderId, type);
    }

    private void awaitAllCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                READERS.forEach((topic, groups) -> groups.forEach(group ->
                        assertThat(system.lag(group, topic)).as(group + " on " + topic).isZero())));
    }

    private String newSku(String name, long available) {
        String sku = "T-" + name.toUpperCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        api.setStock(sku, available);
        return sku;
    }

    private static String customer(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> entries(JsonNode order) {
        return StreamSupport.stream(order.get("history").spliterator(), false)
                .map(entry -> entry.get("entry").asString())
                .toList();
    }
}
