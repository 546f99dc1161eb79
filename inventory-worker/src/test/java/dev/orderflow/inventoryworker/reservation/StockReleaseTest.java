package dev.orderflow.inventoryworker.reservation;

import static dev.orderflow.inventoryworker.reservation.TestSkus.available;
import static dev.orderflow.inventoryworker.reservation.TestSkus.newSku;
import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderCreated.Item;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.StockItem;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.Topics;
import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.worker.ProcessedEvents;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.PublishedEvents;
import dev.orderflow.worker.testing.PublishedEvents.Published;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Compensation over Kafka: OrderCancelled on order-lifecycle gives a reserved order's stock back once. */
@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class StockReleaseTest {

    @Autowired
    Stock stock;

    @Autowired
    Reservations reservations;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void cancellationAfterTheReservationPutsTheStockBackAndPublishesOneStockReleased() {
        String first = newSku(stock, 10);
        String second = newSku(stock, 4);
        OrderCreated order = reserved(order(newCustomer("released"),
                List.of(new Item(first, 3, 100), new Item(second, 4, 100))));
        assertThat(available(stock, first)).isEqualTo(7);
        assertThat(available(stock, second)).isZero();

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_LIFECYCLE);
        assertThat(available(stock, first)).isEqualTo(10);
        assertThat(available(stock, second)).isEqualTo(4);
        assertThat(reservations.statusOf(order.orderId())).contains(Reservations.Status.RELEASED);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("RELEASED");
        List<Published> results = PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId());
        assertThat(results).extracting(Published::type).containsExactly("StockReserved", "StockReleased");
        assertThat(results.getLast().key()).isEqualTo(order.customerId());
        assertThat(results.getLast().event()).isInstanceOfSatisfying(StockReleased.class, released -> assertThat(
                released.items()).containsExactlyInAnyOrder(new StockItem(first, 3), new StockItem(second, 4)));
    }

    @Test
    void cancellationDeliveredTwiceAndPublishedAgainUnderANewIdReleasesOnce() {
        String sku = newSku(stock, 10);
        OrderCreated order = reserved(order(newCustomer("twice"), sku, 3, 100));
        OrderCancelled cancelled = cancellationOf(order);

        publishTo(Topics.ORDER_LIFECYCLE, cancelled, cancelled, cancellationOf(order));

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_LIFECYCLE);
        assertThat(available(stock, sku)).isEqualTo(10);
        assertThat(PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("StockReserved", "StockReleased");
    }

    @Test
    void cancellationOfARejectedOrderReleasesNothingAndPublishesNothing() {
        String sku = newSku(stock, 2);
        OrderCreated order = reserved(order(newCustomer("short"), sku, 5, 100));

        // Even if order-service asked for a release: the worker goes by its own records, and it took nothing.
        publishTo(Topics.ORDER_LIFECYCLE, new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(),
                Instant.now(), OrderCancelled.Reason.OUT_OF_STOCK, List.of(OrderCancelled.Compensation.RELEASE_STOCK)));

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_LIFECYCLE);
        assertThat(available(stock, sku)).isEqualTo(2);
        assertThat(reservations.statusOf(order.orderId())).contains(Reservations.Status.REJECTED);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("NOTHING_TO_RELEASE");
        assertThat(PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("StockRejected");
    }

    @Test
    void cancellationSeenBeforeTheOrderMeansNothingIsEverReserved() {
        String sku = newSku(stock, 10);
        OrderCreated order = order(newCustomer("early"), sku, 3, 100);

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));
        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_LIFECYCLE);
        publish(order, order);

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        assertThat(available(stock, sku)).isEqualTo(10);
        assertThat(reservations.statusOf(order.orderId())).contains(Reservations.Status.SKIPPED);
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SKIPPED");
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE))
                .contains("CANCELLED_BEFORE_RESERVATION");
        assertThat(PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId())).isEmpty();
    }

    @Test
    void releaseIsShownOverHttp() {
        String sku = newSku(stock, 10);
        OrderCreated order = reserved(order(newCustomer("shown"), sku, 2, 100));

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order));

        String shown = new WorkerEndpoint(port).awaitBodyContaining("\"status\":\"RELEASED\"", "/reservations/{id}",
                order.orderId());
        assertThat(shown).contains("\"releasedAt\":\"", "\"sku\":\"" + sku + "\"", "\"quantity\":2");
    }

    @Test
    void confirmationIsAcknowledgedWithoutDeadLettering() {
        String sku = newSku(stock, 10);
        OrderCreated order = reserved(order(newCustomer("confirmed"), sku, 2, 100));

        publishTo(Topics.ORDER_LIFECYCLE, new OrderConfirmed(UUID.randomUUID(), order.orderId(), order.customerId(),
                Instant.now(), order.totalMinor(), order.currency()));

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_LIFECYCLE);
        assertThat(DeadLetterTopic.find(Topics.deadLetter(Topics.ORDER_LIFECYCLE, "inventory-worker"),
                order.customerId())).isEmpty();
        assertThat(available(stock, sku)).isEqualTo(8);
        assertThat(reservations.statusOf(order.orderId())).contains(Reservations.Status.RESERVED);
    }

    @Test
    void cancellationsRacingNewOrdersForOneSkuNeverOversellAndLeaveStockMatchingWhatIsStillReserved() {
        String sku = newSku(stock, 20);
        List<OrderCreated> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(order(newCustomer("first"), sku, 1, 100));
        }
        publish(first);
        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        assertThat(available(stock, sku)).isZero();
        List<OrderCreated> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            second.add(order(newCustomer("second"), sku, 1, 100));
        }

        // Half of the first orders are cancelled while twenty more orders compete for what they give back.
        publishTo(Topics.ORDER_LIFECYCLE, first.subList(0, 10).stream().map(StockReleaseTest::cancellationOf)
                .toList());
        publish(second);

        await().atMost(Duration.ofSeconds(30)).until(() -> second.stream()
                .allMatch(o -> reservations.statusOf(o.orderId()).isPresent()));
        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_LIFECYCLE);
        List<OrderCreated> all = new ArrayList<>(first);
        all.addAll(second);
        long stillReserved = all.stream()
                .filter(o -> reservations.statusOf(o.orderId()).orElseThrow() == Reservations.Status.RESERVED)
                .count();
        assertThat(first.subList(0, 10)).allSatisfy(o -> assertThat(reservations.statusOf(o.orderId()))
                .contains(Reservations.Status.RELEASED));
        assertThat(available(stock, sku)).isGreaterThanOrEqualTo(0).isEqualTo(20 - (int) stillReserved);
    }

    /** Publishes the order and waits until inventory-worker has reserved (or rejected) it. */
    private OrderCreated reserved(OrderCreated order) {
        publish(order);
        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        assertThat(reservations.statusOf(order.orderId())).isPresent();
        return order;
    }

    /** A cancellation whose compensations list nothing, as when order-service had not seen the reservation yet. */
    private static OrderCancelled cancellationOf(OrderCreated order) {
        return new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(),
                OrderCancelled.Reason.PAYMENT_DECLINED, List.of());
    }
}
