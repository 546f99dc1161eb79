package dev.orderflow.emailworker.email;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.orderflow.emailworker.SmtpServer;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedEvents;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@WorkerTest(database = "email")
@ContextConfiguration(initializers = SmtpServer.class)
class CancellationNoticeSendingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String GROUP = "email-worker";

    private static final SentEmail.Kind CONFIRMATION = SentEmail.Kind.ORDER_CONFIRMATION;
    private static final SentEmail.Kind NOTICE = SentEmail.Kind.ORDER_CANCELLATION;

    @Autowired
    SentEmails sentEmails;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    ProcessedEvents processedEvents;

    @Test
    void cancellationDeliveredTwiceSendsOneNotice() throws Exception {
        OrderCreated order = order(newCustomer("cancelled"), "SKU-101", 2, 1299);
        publish(order);
        await().atMost(PATIENCE).until(() -> statusOf(order, CONFIRMATION), SentEmail.Status.SENT::equals);
        OrderCancelled cancellation = cancellationOf(order, OrderCancelled.Reason.OUT_OF_STOCK);

        // The same event twice, and the same fact again under another event id.
        publishTo(Topics.ORDER_LIFECYCLE, cancellation, cancellation,
                cancellationOf(order, OrderCancelled.Reason.OUT_OF_STOCK));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_LIFECYCLE);
        var notices = SmtpServer.received(noticeIdOf(order));
        assertThat(notices).hasSize(1);
        assertThat(notices.getFirst().getSubject()).isEqualTo("Your order " + order.orderId() + " is cancelled");
        assertThat(GreenMailUtil.getBody(notices.getFirst())).contains("Why: some of the items are out of stock.",
                "(order total: 25.98 EUR)");
        assertThat(sentEmails.find(order.orderId(), NOTICE)).get()
                .returns(SentEmail.Status.SENT, SentEmail::status)
                .returns(1, SentEmail::attempts)
                .returns("ada@example.com", SentEmail::recipient);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("SENT");
    }

    @Test
    void cancellationSeenBeforeItsOrderIsSentOnceTheOrderArrives() {
        OrderCreated order = order(newCustomer("overtaken"), "SKU-102", 1, 500);
        OrderCancelled cancellation = cancellationOf(order, OrderCancelled.Reason.PAYMENT_DECLINED);

        publishTo(Topics.ORDER_LIFECYCLE, cancellation);

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_LIFECYCLE);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE))
                .contains(CancellationNoticeSending.PENDING);
        assertThat(sentEmails.forOrder(order.orderId())).isEmpty();

        publish(order, order);
        publishTo(Topics.ORDER_LIFECYCLE, cancellation);

        await().atMost(PATIENCE).until(() -> statusOf(order, NOTICE), SentEmail.Status.SENT::equals);
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_LIFECYCLE);
        assertThat(SmtpServer.received(confirmationIdOf(order))).hasSize(1);
        assertThat(SmtpServer.received(noticeIdOf(order))).singleElement()
                .extracting(GreenMailUtil::getBody).asString()
                .contains("Why: your payment was declined.", "Nothing was charged for it (order total: 5.00 EUR).");
        assertThat(sentEmails.forOrder(order.orderId()))
                .extracting(SentEmail::kind, SentEmail::status, SentEmail::attempts)
                .containsExactlyInAnyOrder(
                        tuple(CONFIRMATION, SentEmail.Status.SENT, 1),
                        tuple(NOTICE, SentEmail.Status.SENT, 1));
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SENT");
    }

    @Test
    void confirmedOrderGetsNoNoticeAndItsConfirmationIsNotDeadLettered() {
        OrderCreated order = order(newCustomer("confirmed"), "SKU-103", 1, 700);
        publish(order);

        publishTo(Topics.ORDER_LIFECYCLE, confirmationOf(order), confirmationOf(order));

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_LIFECYCLE);
        await().atMost(PATIENCE).until(() -> statusOf(order, CONFIRMATION), SentEmail.Status.SENT::equals);
        // Not this worker's business: the core acknowledges it as ignored.
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderConfirmed.TYPE)).isEmpty();
        assertThat(sentEmails.find(order.orderId(), NOTICE)).isEmpty();
        assertThat(SmtpServer.received(noticeIdOf(order))).isEmpty();
        assertThat(DeadLetterTopic.find(Topics.deadLetter(Topics.ORDER_LIFECYCLE, GROUP), order.customerId()))
                .isEmpty();
    }

    @Test
    void cancelledOrderWithoutAnAddressHasItsNoticeRecordedAsSkipped() {
        OrderCreated order = withoutEmail(order(newCustomer("unreachable"), "SKU-104", 1, 100));
        publish(order);
        await().atMost(PATIENCE).until(() -> statusOf(order, CONFIRMATION), SentEmail.Status.SKIPPED::equals);

        publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order, OrderCancelled.Reason.CUSTOMER_REQUEST));

        await().atMost(PATIENCE).until(() -> statusOf(order, NOTICE), SentEmail.Status.SKIPPED::equals);
        assertThat(processedEvents.outcomeOf(order.orderId(), OrderCancelled.TYPE)).contains("SKIPPED");
        assertThat(SmtpServer.received(noticeIdOf(order))).isEmpty();
    }

    @Test
    void ordersAndTheirCancellationsPublishedTogetherGetOneConfirmationAndOneNoticeEach() {
        List<OrderCreated> orders = IntStream.range(0, 30)
                .mapToObj(i -> order(newCustomer("together"), "SKU-105", 1, 100))
                .toList();

        // Each order and its cancellation back to back: which of the two is handled first varies by poll.
        orders.forEach(order -> {
            publish(order);
            publishTo(Topics.ORDER_LIFECYCLE, cancellationOf(order, OrderCancelled.Reason.CUSTOMER_REQUEST));
        });

        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_CREATED);
        ConsumerGroups.awaitCaughtUp(GROUP, Topics.ORDER_LIFECYCLE);
        assertThat(orders).allSatisfy(order -> {
            assertThat(SmtpServer.received(confirmationIdOf(order))).hasSize(1);
            assertThat(SmtpServer.received(noticeIdOf(order))).hasSize(1);
            assertThat(statusOf(order, NOTICE)).isEqualTo(SentEmail.Status.SENT);
        });
    }

    @Test
    void orderArrivingBetweenTheCancellationsSendAndRecordMakesItRetryAndSendTheNotice(
            @Autowired CancellationNoticeSending cancellations, @Autowired KnownOrders knownOrders,
            @Autowired PlatformTransactionManager transactionManager) {
        OrderCreated order = order(newCustomer("raced"), "SKU-107", 1, 100);
        OrderCancelled cancellation = cancellationOf(order, OrderCancelled.Reason.OUT_OF_STOCK);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        var unsent = cancellations.perform(cancellation);
        // Meanwhile the order's OrderCreated is handled: no cancellation is recorded yet, so it sends no notice.
        assertThat(knownOrders.created(order, "ada@example.com")).isEmpty();

        assertThatThrownBy(() -> transaction.execute(status -> cancellations.record(cancellation, unsent)))
                .isInstanceOf(CancellationNoticeSending.OrderArrivedMeanwhile.class);
        var retried = cancellations.perform(cancellation);
        String outcome = transaction.execute(status -> cancellations.record(cancellation, retried));

        assertThat(outcome).isEqualTo("SENT");
        assertThat(SmtpServer.received(noticeIdOf(order))).hasSize(1);
        assertThat(knownOrders.created(order, "ada@example.com")).as("no notice left pending").isEmpty();
    }

    @Test
    void emailAlreadyAcceptedIsNotSentAgain() {
        OrderCreated order = order(newCustomer("accepted"), "SKU-106", 1, 100);
        // As if an earlier attempt had sent the confirmation, kept it as sent, and then failed on another email.
        sentEmails.attempt(order.orderId(), CONFIRMATION, "ada@example.com", confirmationIdOf(order));
        sentEmails.sent(order.orderId(), CONFIRMATION, Instant.now());

        publish(order);

        await().atMost(PATIENCE).until(() -> processedOrders.outcomeOf(order.orderId()), Optional::isPresent);
        assertThat(SmtpServer.received(confirmationIdOf(order))).isEmpty();
        assertThat(sentEmails.find(order.orderId(), CONFIRMATION)).get()
                .returns(SentEmail.Status.SENT, SentEmail::status)
                .returns(1, SentEmail::attempts);
    }

    private SentEmail.Status statusOf(OrderCreated order, SentEmail.Kind kind) {
        return sentEmails.find(order.orderId(), kind).map(SentEmail::status).orElse(null);
    }

    private static OrderCancelled cancellationOf(OrderCreated order, OrderCancelled.Reason reason) {
        return new OrderCancelled(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(), reason,
                List.of());
    }

    private static OrderConfirmed confirmationOf(OrderCreated order) {
        return new OrderConfirmed(UUID.randomUUID(), order.orderId(), order.customerId(), Instant.now(),
                order.totalMinor(), order.currency());
    }

    private static String confirmationIdOf(OrderCreated order) {
        return ConfirmationMail.messageIdOf(order.orderId(), "orderflow");
    }

    private static String noticeIdOf(OrderCreated order) {
        return CancellationNotice.messageIdOf(order.orderId(), "orderflow");
    }

    private static OrderCreated withoutEmail(OrderCreated order) {
        return new OrderCreated(order.eventId(), order.orderId(), order.customerId(),
                new OrderCreated.Contact(null, order.contact().phone()), order.region(), order.currency(),
                order.items(), order.totalMinor(), order.createdAt());
    }
}
