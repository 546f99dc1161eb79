package dev.orderflow.emailworker.email;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.orderflow.emailworker.SmtpServer;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.WorkerTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ContextConfiguration;

@WorkerTest(database = "email")
@ContextConfiguration(initializers = SmtpServer.class)
class OrderConfirmationSendingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final SentEmail.Kind CONFIRMATION = SentEmail.Kind.ORDER_CONFIRMATION;

    @Autowired
    SentEmails sentEmails;

    @Autowired
    ProcessedOrders processedOrders;

    @Test
    void orderDeliveredThreeTimesIsEmailedOnce() {
        List<OrderCreated> deliveries = Collections.nCopies(3, order(newCustomer("thrice"), "SKU-001", 2, 1299));
        OrderCreated order = deliveries.getFirst();

        publish(deliveries);

        await().atMost(PATIENCE).until(OrderConfirmationSendingTest::everyDeliveryConsumed);
        assertThat(SmtpServer.received(messageIdOf(order))).hasSize(1);
        assertThat(sentEmails.find(order.orderId(), CONFIRMATION)).get()
                .returns(SentEmail.Status.SENT, SentEmail::status)
                .returns(1, SentEmail::attempts);
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SENT");
    }

    @Test
    void confirmationEmailNamesTheOrderAndCarriesAMessageIdDerivedFromIt() throws Exception {
        OrderCreated order = order(newCustomer("reader"), "SKU-002", 2, 1299);

        publish(order);

        MimeMessage email = await().atMost(PATIENCE).until(() -> SmtpServer.received(messageIdOf(order)),
                received -> received.size() == 1).getFirst();
        assertThat(email.getMessageID()).isEqualTo("<order-" + order.orderId() + "@orderflow>");
        assertThat(email.getSubject()).contains(order.orderId().toString());
        assertThat(email.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ada@example.com");
        assertThat(email.getFrom()).extracting(Object::toString).containsExactly("orders@orderflow.example");
        assertThat(GreenMailUtil.getBody(email)).contains(order.orderId().toString(), "2 x SKU-002 at 12.99 EUR",
                "Total: 25.98 EUR");
    }

    /** Jakarta Mail would otherwise start and stop a scheduler thread for each connection, that is, each email. */
    @Test
    void smtpConnectionsShareOneWriteTimeoutSchedulerThatOutlivesThem(@Autowired JavaMailSender sender) {
        OrderCreated order = order(newCustomer("scheduled"), "SKU-002", 1, 100);

        publish(order);

        await().atMost(PATIENCE).until(() -> SmtpServer.received(messageIdOf(order)), received -> received.size() == 1);
        Object scheduler = ((JavaMailSenderImpl) sender).getSession().getProperties()
                .get(SmtpWriteTimeouts.EXECUTOR_PROPERTY);
        assertThat(scheduler).isInstanceOfSatisfying(ScheduledExecutorService.class,
                shared -> assertThat(shared.isShutdown()).as("left running by the closed connection").isFalse());
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("smtp-write-timeouts"))
                .hasSize(1);
    }

    @Test
    void orderWithoutAnEmailAddressIsRecordedAsSkipped() {
        OrderCreated order = withEmail(order(newCustomer("silent"), "SKU-003", 1, 100), null);

        publish(order);

        SentEmail skipped = await().atMost(PATIENCE).until(() -> sentEmails.find(order.orderId(), CONFIRMATION),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(skipped.status()).isEqualTo(SentEmail.Status.SKIPPED);
        assertThat(skipped.recipient()).isNull();
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SKIPPED");
    }

    @Test
    void orderAttemptedBeforeACrashIsSentAgainWithTheSameMessageIdAndCounted(@Autowired MeterRegistry meters) {
        OrderCreated order = order(newCustomer("crashed"), "SKU-004", 1, 500);
        // As if a previous run had committed its attempt and died before recording the result.
        sentEmails.attempt(order.orderId(), CONFIRMATION, "ada@example.com", messageIdOf(order));
        double counted = possibleDuplicates(meters);

        publish(order);

        await().atMost(PATIENCE).until(() -> sentEmails.find(order.orderId(), CONFIRMATION).orElseThrow().status()
                == SentEmail.Status.SENT);
        assertThat(sentEmails.find(order.orderId(), CONFIRMATION).orElseThrow().attempts()).isEqualTo(2);
        assertThat(SmtpServer.received(messageIdOf(order))).hasSize(1);
        assertThat(possibleDuplicates(meters)).isEqualTo(counted + 1);
    }

    @Test
    void windowFromSendToCommitIsMeasured(@Autowired MeterRegistry meters) {
        List<OrderCreated> orders = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> order(newCustomer("timed"), "SKU-005", 1, 100))
                .toList();

        publish(orders);

        await().atMost(PATIENCE).until(() -> orders.stream()
                .allMatch(order -> processedOrders.outcomeOf(order.orderId()).isPresent()));
        var window = meters.get("orderflow.email.unrecorded.window").timer();
        assertThat(window.count()).isGreaterThanOrEqualTo(orders.size());
        LoggerFactory.getLogger(getClass()).info("Send-to-commit window over {} emails: mean {} ms, max {} ms",
                window.count(), window.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                window.max(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    private static boolean everyDeliveryConsumed() {
        return ConsumerGroups.lag("email-worker", Topics.ORDER_CREATED) == 0;
    }

    private static double possibleDuplicates(MeterRegistry meters) {
        return meters.get("orderflow.email.possible.duplicates").counter().count();
    }

    private static String messageIdOf(OrderCreated order) {
        return ConfirmationMail.messageIdOf(order.orderId(), "orderflow");
    }

    private static OrderCreated withEmail(OrderCreated order, String email) {
        return new OrderCreated(order.eventId(), order.orderId(), order.customerId(),
                new OrderCreated.Contact(email, order.contact().phone()), order.region(), order.currency(),
                order.items(), order.totalMinor(), order.createdAt());
    }
}
