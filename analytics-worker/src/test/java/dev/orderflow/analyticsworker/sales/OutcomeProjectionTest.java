package dev.orderflow.analyticsworker.sales;

import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.analyticsworker.sales.OutcomeFigures.DailyOutcomes;
import dev.orderflow.analyticsworker.sales.OutcomeFigures.Revenue;
import dev.orderflow.events.OrderCancelled.Reason;
import dev.orderflow.events.OrderLifecycleEvent;
import dev.orderflow.events.PaymentDeclined;
import dev.orderflow.events.PaymentEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedEvents;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@WorkerTest(database = "analytics")
class OutcomeProjectionTest {

    private static final String GROUP = "analytics-worker";

    @Autowired
    OutcomeFigures figures;

    @Autowired
    ProcessedEvents processedEvents;

    @Test
    void outcomesAndNetRevenueCountEachEventOnceThoughEveryEventIsDeliveredTwice() {
        LocalDate day = LocalDate.of(2003, 4, 1);
        LocalDate nextDay = day.plusDays(1);
        Instant noon = at(day, 12);
        // The last second of the day and the first of the next: UTC days of occurredAt.
        Instant lastSecond = nextDay.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
        Instant midnight = nextDay.atStartOfDay().toInstant(ZoneOffset.UTC);
        SagaOrder confirmed = SagaOrder.newOrder();
        SagaOrder outOfStock = SagaOrder.newOrder();
        SagaOrder declined = SagaOrder.newOrder();
        SagaOrder confirmedInDollars = SagaOrder.newOrder();
        SagaOrder cancelledAfterMidnight = SagaOrder.newOrder();
        List<PaymentEvent> payments = List.of(
                confirmed.charged(lastSecond, 1000, "EUR"),
                outOfStock.charged(noon, 2500, "EUR"),
                outOfStock.refunded(noon, 2500, "EUR"),
                declined.declined(noon),
                confirmedInDollars.charged(noon, 700, "USD"),
                cancelledAfterMidnight.charged(noon, 400, "EUR"),
                cancelledAfterMidnight.refunded(midnight, 400, "EUR"));
        List<OrderLifecycleEvent> outcomes = List.of(
                confirmed.confirmed(lastSecond, 1000, "EUR"),
                outOfStock.cancelled(noon, Reason.OUT_OF_STOCK),
                declined.cancelled(noon, Reason.PAYMENT_DECLINED),
                confirmedInDollars.confirmed(noon, 700, "USD"),
                cancelledAfterMidnight.cancelled(midnight, Reason.CUSTOMER_REQUEST));

        publishTo(Topics.PAYMENT_EVENTS, twice(payments));
        publishTo(Topics.ORDER_LIFECYCLE, twice(outcomes));
        // The same refund published again under a new event id.
        publishTo(Topics.PAYMENT_EVENTS, outOfStock.refunded(noon, 2500, "EUR"));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.PAYMENT_EVENTS);
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_LIFECYCLE);
        assertThat(figures.daily(day, nextDay)).containsExactly(
                new DailyOutcomes(day, 2, 2, byReason(1, 1, 0),
                        List.of(new Revenue("EUR", 3900, 2500, 1400), new Revenue("USD", 700, 0, 700))),
                new DailyOutcomes(nextDay, 0, 1, byReason(0, 0, 1),
                        List.of(new Revenue("EUR", 0, 400, -400))));
    }

    @Test
    void declinedPaymentIsAcknowledgedWithoutCountingOrDeadLettering() {
        LocalDate day = LocalDate.of(2003, 5, 1);
        SagaOrder order = SagaOrder.newOrder();

        publishTo(Topics.PAYMENT_EVENTS, order.declined(at(day, 9)));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.PAYMENT_EVENTS);
        // A declined payment moves no money (its order's OrderCancelled is what counts): the core lets it pass.
        assertThat(processedEvents.outcomeOf(order.orderId(), PaymentDeclined.TYPE)).isEmpty();
        assertThat(figures.daily(day, day)).isEmpty();
        assertThat(DeadLetterTopic.find(Topics.deadLetter(Topics.PAYMENT_EVENTS, GROUP), order.customerId()))
                .isEmpty();
    }

    private static Map<Reason, Long> byReason(long paymentDeclined, long outOfStock, long customerRequest) {
        return Map.of(Reason.PAYMENT_DECLINED, paymentDeclined, Reason.OUT_OF_STOCK, outOfStock,
                Reason.CUSTOMER_REQUEST, customerRequest);
    }

    private static <E> List<E> twice(List<E> events) {
        List<E> both = new ArrayList<>(events);
        both.addAll(events);
        return both;
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
