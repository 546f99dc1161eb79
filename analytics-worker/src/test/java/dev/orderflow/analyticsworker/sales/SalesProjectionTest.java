package dev.orderflow.analyticsworker.sales;

import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@WorkerTest(database = "analytics")
class SalesProjectionTest {

    @Autowired
    SalesFigures figures;

    @Autowired
    ProcessedOrders processedOrders;

    @Test
    void orderDeliveredThreeTimesIsCountedOnce() {
        LocalDate day = LocalDate.of(2001, 3, 1);
        OrderCreated order = SalesOrders.orderOn(day, "EU", "EUR", new OrderCreated.Item("SKU-001", 2, 1299));

        publish(order, order, order);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> ConsumerGroups.lag("analytics-worker", Topics.ORDER_CREATED) == 0);
        assertThat(figures.daily(day, day)).containsExactly(new SalesFigures.DailySales(day, "EUR", 1, 2598));
        assertThat(figures.skus(day, day)).containsExactly(new SalesFigures.SkuSales("SKU-001", "EUR", 1, 2, 2598));
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("COUNTED");
    }

    @Test
    void orderNamingOneSkuOnTwoLinesCountsItAsOneOrderWithBothLinesUnits() {
        LocalDate day = LocalDate.of(2001, 3, 2);
        OrderCreated order = SalesOrders.orderOn(day, null, "USD", new OrderCreated.Item("SKU-002", 1, 500),
                new OrderCreated.Item("SKU-002", 3, 400));

        publish(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> processedOrders.outcomeOf(order.orderId()).isPresent());
        assertThat(figures.skus(day, day)).containsExactly(new SalesFigures.SkuSales("SKU-002", "USD", 1, 4, 1700));
        assertThat(figures.regions(day, day))
                .containsExactly(new SalesFigures.RegionSales(SalesFigures.NO_REGION, "USD", 1, 1700));
    }
}
