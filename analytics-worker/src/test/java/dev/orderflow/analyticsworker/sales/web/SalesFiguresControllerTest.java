package dev.orderflow.analyticsworker.sales.web;

import static dev.orderflow.analyticsworker.sales.SalesOrders.orderOn;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.awaitility.Awaitility.await;

import dev.orderflow.analyticsworker.sales.SagaOrder;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderCreated.Item;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WorkerTest(database = "analytics")
class SalesFiguresControllerTest {

    private static final LocalDate MONDAY = LocalDate.of(2002, 6, 3);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @LocalServerPort
    int port;

    @Autowired
    ProcessedOrders processedOrders;

    @Test
    void totalsPerDayRegionAndSkuAddUpTheOrders() throws Exception {
        List<OrderCreated> orders = List.of(
                orderOn(MONDAY, "EU", "EUR", new Item("SKU-A", 2, 1000), new Item("SKU-B", 1, 500)),
                orderOn(MONDAY, "US", "USD", new Item("SKU-A", 1, 1200)),
                orderOn(TUESDAY, "EU", "EUR", new Item("SKU-B", 4, 500)));

        publish(orders);

        await().atMost(Duration.ofSeconds(20)).until(() -> orders.stream()
                .allMatch(order -> processedOrders.outcomeOf(order.orderId()).isPresent()));
        String range = "?from=" + MONDAY + "&to=" + TUESDAY;
        JSONAssert.assertEquals("""
                [{"day": "2002-06-03", "currency": "EUR", "orders": 1, "grossRevenueMinor": 2500},
                 {"day": "2002-06-03", "currency": "USD", "orders": 1, "grossRevenueMinor": 1200},
                 {"day": "2002-06-04", "currency": "EUR", "orders": 1, "grossRevenueMinor": 2000}]""",
                get("/analytics/daily" + range), JSONCompareMode.STRICT);
        JSONAssert.assertEquals("""
                [{"region": "EU", "currency": "EUR", "orders": 2, "grossRevenueMinor": 4500},
                 {"region": "US", "currency": "USD", "orders": 1, "grossRevenueMinor": 1200}]""",
                get("/analytics/regions" + range), JSONCompareMode.STRICT);
        JSONAssert.assertEquals("""
                [{"sku": "SKU-B", "currency": "EUR", "orders": 2, "units": 5, "grossRevenueMinor": 2500},
                 {"sku": "SKU-A", "currency": "EUR", "orders": 1, "units": 2, "grossRevenueMinor": 2000},
                 {"sku": "SKU-A", "currency": "USD", "orders": 1, "units": 1, "grossRevenueMinor": 1200}]""",
                get("/analytics/skus" + range), JSONCompareMode.STRICT);
        JSONAssert.assertEquals("""
                [{"day": "2002-06-04", "currency": "EUR", "orders": 1, "grossRevenueMinor": 2000}]""",
                get("/analytics/daily?from=" + TUESDAY + "&to=" + TUESDAY), JSONCompareMode.STRICT);
    }

    @Test
    void outcomesPerDayShowConfirmedAndCancelledOrdersByReasonAndNetRevenuePerCurrency() throws Exception {
        LocalDate day = LocalDate.of(2002, 7, 1);
        Instant morning = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        SagaOrder kept = SagaOrder.newOrder();
        SagaOrder cancelled = SagaOrder.newOrder();

        publishTo(Topics.PAYMENT_EVENTS, kept.charged(morning, 1500, "EUR"), cancelled.charged(morning, 900, "EUR"),
                cancelled.refunded(morning, 900, "EUR"));
        publishTo(Topics.ORDER_LIFECYCLE, kept.confirmed(morning, 1500, "EUR"),
                cancelled.cancelled(morning, OrderCancelled.Reason.CUSTOMER_REQUEST));

        ConsumerGroups.awaitCaughtUp("analytics-worker", Topics.PAYMENT_EVENTS);
        ConsumerGroups.awaitCaughtUp("analytics-worker", Topics.ORDER_LIFECYCLE);
        JSONAssert.assertEquals("""
                [{"day": "2002-07-01", "confirmed": 1, "cancelled": 1,
                  "cancelledByReason": {"PAYMENT_DECLINED": 0, "OUT_OF_STOCK": 0, "CUSTOMER_REQUEST": 1},
                  "revenue": [{"currency": "EUR", "chargedMinor": 2400, "refundedMinor": 900,
                               "netRevenueMinor": 1500}]}]""",
                get("/analytics/outcomes?from=" + day + "&to=" + day), JSONCompareMode.STRICT);
    }

    @Test
    void rangeEndingBeforeItStartsIsABadRequestNamingFrom() throws Exception {
        String problem = get("/analytics/daily?from=" + TUESDAY + "&to=" + MONDAY);

        JSONAssert.assertEquals("""
                {"status": 400, "errors": [{"field": "from", "message": "must not be after to"}]}""",
                problem, JSONCompareMode.LENIENT);
    }

    @Test
    void unreadableDateIsABadRequestNamingIt() throws Exception {
        String problem = get("/analytics/skus?from=yesterday");

        JSONAssert.assertEquals("""
                {"status": 400, "errors": [{"field": "from"}]}""", problem, JSONCompareMode.LENIENT);
    }

    private String get(String path) {
        return WorkerEndpoint.opsClient(port).get().uri(path)
                .exchange((request, response) -> new String(response.getBody().readAllBytes()), false);
    }
}
