package dev.orderflow.smsworker.message;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.orderflow.smsworker.SmsProviderServer.PROVIDER;
import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.smsworker.SmsProviderServer;
import dev.orderflow.worker.ProcessedOrders;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

// Backoff capped at 0.5 s (production: 10 s), so one delivery's 10 attempts take about 5 s; both classes share it.
@WorkerTest(database = "sms", properties = {"orderflow.sms.read-timeout=3s", "orderflow.worker.retry.max-interval=500ms"})
@ContextConfiguration(initializers = SmsProviderServer.class)
class OrderTextingTest {

    @Autowired
    SentMessages sentMessages;

    @Autowired
    ProcessedOrders processedOrders;

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void orderDeliveredThreeTimesIsTextedOnce() {
        OrderCreated order = withPhone(order(newCustomer("thrice"), "SKU-001", 2, 1299), "+447700900123");

        publish(order, order, order);

        await().atMost(PATIENCE).until(() -> ConsumerGroups.lag("sms-worker", Topics.ORDER_CREATED) == 0);
        assertThat(sentMessages.find(order.orderId()).map(SentMessage::status)).contains(SentMessage.Status.SENT);
        assertThat(processedOrders.outcomeOf(order.orderId())).contains("SENT");
        assertThat(requestsFor(order)).as("requests to the provider").isEqualTo(1);
    }

    @Test
    void providerGetsTheE164NumberTheTextTheTokenAndTheOrderIdAsIdempotencyKey() {
        OrderCreated order = withPhone(order(newCustomer("texted"), "SKU-002", 2, 1299), "+44 7700 900-123");

        publish(order);

        await().atMost(PATIENCE).until(() -> sentMessages.find(order.orderId()), Optional::isPresent);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/messages"))
                .withHeader("Authorization", equalTo("Bearer " + SmsProviderServer.TOKEN))
                .withHeader("Idempotency-Key", equalTo(order.orderId().toString()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+447700900123")))
                .withRequestBody(matchingJsonPath("$.from", equalTo("orderflow")))
                .withRequestBody(matchingJsonPath("$.text",
                        equalTo("orderflow: we have your order " + order.orderId() + ", total 25.98 EUR. Thank you!"))));
        assertThat(sentMessages.find(order.orderId()).orElseThrow().providerMessageId()).startsWith("msg-");
    }

    @Test
    void providerTimingOutThenFailingIsRetriedUntilTheTextGoesThrough() {
        OrderCreated order = order(newCustomer("retried"), "SKU-003", 1, 100);
        String key = order.orderId().toString();
        answer(key, Scenario.STARTED, "timed out", aResponse().withStatus(201).withFixedDelay(6_000));
        answer(key, "timed out", "failed twice", aResponse().withStatus(503));
        answer(key, "failed twice", "sent", aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"msg-after-outage\"}"));

        publish(order);

        SentMessage sent = await().atMost(PATIENCE).until(() -> sentMessages.find(order.orderId()),
                Optional::isPresent).orElseThrow();
        assertThat(sent.status()).isEqualTo(SentMessage.Status.SENT);
        assertThat(sent.providerMessageId()).isEqualTo("msg-after-outage");
        assertThat(requestsFor(order)).isEqualTo(3);
    }

    @Test
    void providerOutageDelaysTextsWithoutDeadLetteringAny() {
        String customer = newCustomer("outage");
        List<OrderCreated> orders = List.of(order(customer, "SKU-005", 1, 100), order(customer, "SKU-006", 1, 100),
                order(newCustomer("outage"), "SKU-007", 1, 100));
        StubMapping outage = PROVIDER.stubFor(post(urlEqualTo("/messages")).atPriority(2)
                .willReturn(aResponse().withStatus(503)));

        publish(orders);
        // Both customers' first orders fail and back off; the second order of the first customer waits its turn.
        await().atMost(PATIENCE).until(() -> requestsFor(orders.get(0)) >= 2 && requestsFor(orders.get(2)) >= 2);
        assertThat(requestsFor(orders.get(1))).isZero();
        PROVIDER.removeStub(outage);

        await().atMost(Duration.ofSeconds(40)).until(() -> orders.stream()
                .allMatch(order -> sentMessages.find(order.orderId()).isPresent()));
        assertThat(orders).allSatisfy(order -> assertThat(sentMessages.find(order.orderId()).orElseThrow().status())
                .isEqualTo(SentMessage.Status.SENT));
        assertThat(DeadLetterTopic.read(Topics.deadLetter(Topics.ORDER_CREATED, "sms-worker")))
                .noneMatch(letter -> orders.stream().anyMatch(order -> order.key().equals(letter.key())));
    }

    @Test
    void providerAnswering503BeyondEveryRetryIsWaitedForAndTheTextIsSentOnceWithoutDeadLettering() {
        OrderCreated order = order(newCustomer("long-outage"), "SKU-008", 1, 100);
        StubMapping outage = PROVIDER.stubFor(post(urlEqualTo("/messages")).atPriority(1)
                .withHeader("Idempotency-Key", equalTo(order.orderId().toString()))
                .willReturn(aResponse().withStatus(503)));

        publish(order);
        // 10 attempts per delivery (application.yml): more requests than that mean it was consumed again.
        await().atMost(Duration.ofSeconds(40)).until(() -> requestsFor(order) > 10);
        assertThat(sentMessages.find(order.orderId())).isEmpty();
        PROVIDER.removeStub(outage);

        SentMessage sent = await().atMost(Duration.ofSeconds(40)).until(() -> sentMessages.find(order.orderId()),
                Optional::isPresent).orElseThrow();
        assertThat(sent.status()).isEqualTo(SentMessage.Status.SENT);
        assertThat(DeadLetterTopic.read(Topics.deadLetter(Topics.ORDER_CREATED, "sms-worker")))
                .noneMatch(letter -> letter.key().equals(order.key()));
    }

    @Test
    void providerRefusingTheTextWith400IsDeadLetteredAfterTheRetries() {
        OrderCreated order = order(newCustomer("refused"), "SKU-009", 1, 100);
        PROVIDER.stubFor(post(urlEqualTo("/messages")).atPriority(1)
                .withHeader("Idempotency-Key", equalTo(order.orderId().toString()))
                .willReturn(aResponse().withStatus(400)));

        publish(order);

        var letter = await().atMost(Duration.ofSeconds(40)).until(() -> DeadLetterTopic.find(
                Topics.deadLetter(Topics.ORDER_CREATED, "sms-worker"), order.key()), Optional::isPresent).orElseThrow();
        assertThat(letter.header("kafka_dlt-exception-message")).contains("400");
        assertThat(requestsFor(order)).as("requests to the provider").isEqualTo(10);
        assertThat(sentMessages.find(order.orderId())).isEmpty();
    }

    @Test
    void orderWithoutAPhoneIsRecordedAsSkippedAndNotSent() {
        OrderCreated order = withPhone(order(newCustomer("no-phone"), "SKU-004", 1, 100), null);

        publish(order);

        SentMessage skipped = await().atMost(PATIENCE).until(() -> sentMessages.find(order.orderId()),
                Optional::isPresent).orElseThrow();
        assertThat(skipped.status()).isEqualTo(SentMessage.Status.SKIPPED);
        assertThat(skipped.skipReason()).isEqualTo("NO_PHONE");
        assertThat(requestsFor(order)).isZero();
    }

    private static void answer(String key, String state, String nextState, ResponseDefinitionBuilder response) {
        PROVIDER.stubFor(post(urlEqualTo("/messages")).atPriority(1)
                .withHeader("Idempotency-Key", equalTo(key))
                .inScenario("outage " + key).whenScenarioStateIs(state).willSetStateTo(nextState)
                .willReturn(response));
    }

    private static int requestsFor(OrderCreated order) {
        return PROVIDER.findAll(postRequestedFor(urlEqualTo("/messages"))
                .withHeader("Idempotency-Key", equalTo(order.orderId().toString()))).size();
    }

    private static OrderCreated withPhone(OrderCreated order, String phone) {
        return new OrderCreated(order.eventId(), order.orderId(), order.customerId(),
                new OrderCreated.Contact(order.contact().email(), phone), order.region(), order.currency(),
                order.items(), order.totalMinor(), order.createdAt());
    }
}
