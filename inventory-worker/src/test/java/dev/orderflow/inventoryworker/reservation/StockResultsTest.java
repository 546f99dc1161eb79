package dev.orderflow.inventoryworker.reservation;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.OrderCreated.Item;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.StockItem;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.PublishedEvents;
import dev.orderflow.worker.testing.PublishedEvents.Published;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each order's reservation result goes out once on inventory-events, through the outbox, keyed by its customer. */
@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class StockResultsTest {

    @Autowired
    Stock stock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reservedOrderPublishesOneStockReservedKeyedByCustomerWithTheContractHeaders() {
        String first = newSku(10);
        String second = newSku(10);
        // The same SKU twice in one order is reserved (and reported) as one item.
        OrderCreated order = order(newCustomer("reserved"),
                List.of(new Item(second, 1, 100), new Item(first, 2, 100), new Item(second, 3, 100)));

        publish(order);

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        List<Published> results = PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId());
        assertThat(results).hasSize(1);
        Published result = results.getFirst();
        assertThat(result.key()).isEqualTo(order.customerId());
        assertThat(result.headers())
                .containsEntry(EventHeaders.EVENT_TYPE, "StockReserved")
                .containsEntry(EventHeaders.EVENT_VERSION, "1")
                .containsEntry(EventHeaders.CONTENT_TYPE, "application/json")
                .containsEntry(EventHeaders.EVENT_ID, result.event().eventId().toString());
        assertThat(result.event()).isInstanceOfSatisfying(StockReserved.class, reserved -> assertThat(reserved.items())
                .containsExactlyInAnyOrder(new StockItem(first, 2), new StockItem(second, 4)));
    }

    @Test
    void rejectedOrderPublishesOneStockRejectedWithItsShortages() {
        String plenty = newSku(5);
        String scarce = newSku(1);
        OrderCreated order = order(newCustomer("short"), List.of(new Item(plenty, 2, 100), new Item(scarce, 3, 100)));

        publish(order);

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        assertThat(PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId())).singleElement()
                .satisfies(result -> {
                    assertThat(result.key()).isEqualTo(order.customerId());
                    assertThat(result.type()).isEqualTo("StockRejected");
                    assertThat(result.event()).isInstanceOfSatisfying(StockRejected.class, rejected -> assertThat(
                            rejected.shortages()).containsExactly(new StockRejected.Shortage(scarce, 3, 1)));
                });
    }

    @Test
    void orderDeliveredThreeTimesPublishesOneResult() {
        OrderCreated order = order(newCustomer("thrice"), newSku(10), 3, 100);

        publish(order, order, order);

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        assertThat(PublishedEvents.of(jdbc, Topics.INVENTORY_EVENTS, order.orderId()))
                .extracting(Published::type).containsExactly("StockReserved");
    }

    private String newSku(int available) {
        String sku = "TEST-" + UUID.randomUUID().toString().substring(0, 8);
        stock.set(sku, available);
        return sku;
    }
}
