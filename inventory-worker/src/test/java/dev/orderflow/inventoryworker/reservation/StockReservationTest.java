package dev.orderflow.inventoryworker.reservation;

import static dev.orderflow.inventoryworker.reservation.TestSkus.available;
import static dev.orderflow.inventoryworker.reservation.TestSkus.newSku;
import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated.Item;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class StockReservationTest {

    @Autowired
    Stock stock;

    @Autowired
    Reservations reservations;

    @Autowired
    ProcessedOrders processedOrders;

    @Test
    void orderDeliveredThreeTimesTakesItsStockOnce() {
        String sku = newSku(stock, 10);
        OrderCreated order = order(newCustomer("thrice"), sku, 3, 100);

        publish(order, order, order);

        ConsumerGroups.awaitCaughtUp("inventory-worker", Topics.ORDER_CREATED);
        assertThat(available(stock, sku)).isEqualTo(7);
        assertThat(reservations.countFor(order.orderId())).isEqualTo(1);
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("RESERVED");
    }

    @Test
    void orderThatCannotBeFullyReservedTakesNothingAndIsRejectedWithItsShortages() {
        String plenty = newSku(stock, 5);
        String scarce = newSku(stock, 1);
        OrderCreated order = order(newCustomer("short"), List.of(new Item(plenty, 2, 100), new Item(scarce, 3, 100)));

        publish(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> reservations.statusOf(order.orderId()).isPresent());
        assertThat(reservations.statusOf(order.orderId())).contains(Reservations.Status.REJECTED);
        assertThat(reservations.shortagesOf(order.orderId())).containsExactly(new Shortage(scarce, 3, 1));
        assertThat(available(stock, plenty)).isEqualTo(5);
        assertThat(available(stock, scarce)).isEqualTo(1);
    }

    @Test
    void concurrentOrdersForTheSameSkusNeverOversell() {
        String first = newSku(stock, 30);
        String second = newSku(stock, 30);
        List<OrderCreated> orders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Half list the SKUs one way round, half the other, as concurrent customers would.
            List<Item> items = i % 2 == 0
                    ? List.of(new Item(first, 1, 100), new Item(second, 1, 100))
                    : List.of(new Item(second, 1, 100), new Item(first, 1, 100));
            orders.add(order(newCustomer("rush"), items));
        }

        publish(orders);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> orders.stream().allMatch(o -> reservations.statusOf(o.orderId()).isPresent()));
        long reserved = orders.stream()
                .filter(o -> reservations.statusOf(o.orderId()).orElseThrow() == Reservations.Status.RESERVED)
                .count();
        assertThat(reserved).isEqualTo(30);
        assertThat(available(stock, first)).isZero();
        assertThat(available(stock, second)).isZero();
    }
}
