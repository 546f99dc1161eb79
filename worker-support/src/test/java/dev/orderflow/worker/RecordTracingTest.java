package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.DeadLetterTopic;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * Each record is processed inside a consumer span that continues the trace of its {@code traceparent} header, with
 * the service's real tracer (OpenTelemetry through Micrometer Tracing) and the spans collected in memory.
 */
// Every trace sampled: a record without a traceparent starts a trace whose spans this test reads.
@SpringBootTest(classes = RecordTracingTest.TracedWorker.class, properties = {
        "spring.application.name=traced-worker", "management.tracing.sampling.probability=1.0"})
@WithKafka
@WithPostgres(database = "traced")
class RecordTracingTest {

    static final String DLT = Topics.deadLetter(Topics.ORDER_CREATED, "traced-worker");
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** A worker whose handler notes what is current while it runs: the log context and the span. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TracedWorker {

        static final InMemorySpanExporter FINISHED = InMemorySpanExporter.create();

        @Bean
        SpanProcessor exportFinishedSpansAtOnce() {
            return SimpleSpanProcessor.create(FINISHED);
        }

        @Bean
        WatchingHandler watchingHandler(Tracer tracer) {
            return new WatchingHandler(tracer);
        }
    }

    static class WatchingHandler implements OrderCreatedHandler<String> {

        final Set<UUID> failingOrders = ConcurrentHashMap.newKeySet();
        final Map<UUID, String> traceIdLoggedInPerform = new ConcurrentHashMap<>();
        final Map<UUID, String> spanIdCurrentInRecord = new ConcurrentHashMap<>();
        private final Tracer tracer;

        WatchingHandler(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public String perform(OrderCreated order) {
            if (failingOrders.contains(order.orderId())) {
                throw new IllegalStateException("Provider refuses order " + order.orderId());
            }
            traceIdLoggedInPerform.put(order.orderId(), String.valueOf(MDC.get("traceId")));
            return "charged";
        }

        @Override
        public String record(OrderCreated order, String result) {
            Span current = tracer.currentSpan();
            spanIdCurrentInRecord.put(order.orderId(), current == null ? "none" : current.context().spanId());
            return "DONE";
        }
    }

    @Autowired
    WatchingHandler handler;

    @Autowired
    DeadLetterReplay replay;

    @Test
    void recordWithATraceparentIsProcessedInAConsumerSpanOfThatTrace() {
        OrderCreated order = order(newCustomer("traced"), "SKU-001", 1, 100);
        String parent = newSpanId();

        RecordMetadata published = publishWithTraceparent(order, parent);

        SpanData span = awaitSpanOf(order, "DONE");
        assertThat(span.getName()).isEqualTo("process OrderCreated");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(parent);
        assertThat(attribute(span, "orderflow.worker")).isEqualTo("traced-worker");
        assertThat(attribute(span, "messaging.destination.name")).isEqualTo(Topics.ORDER_CREATED);
        assertThat(attribute(span, "messaging.destination.partition.id"))
                .isEqualTo(Integer.toString(published.partition()));
        assertThat(attribute(span, "messaging.kafka.offset")).isEqualTo(Long.toString(published.offset()));
    }

    @Test
    void processingSpanIsCurrentInBothPhasesSoLogLinesCarryItsTrace() {
        OrderCreated order = order(newCustomer("logged"), "SKU-001", 1, 100);

        publishWithTraceparent(order, newSpanId());

        SpanData span = awaitSpanOf(order, "DONE");
        assertThat(handler.traceIdLoggedInPerform).containsEntry(order.orderId(), TRACE_ID);
        assertThat(handler.spanIdCurrentInRecord).containsEntry(order.orderId(), span.getSpanId());
    }

    @Test
    void recordWithoutTraceparentStartsATraceOfItsOwn() {
        OrderCreated order = order(newCustomer("untraced"), "SKU-001", 1, 100);

        publish(order);

        SpanData span = awaitSpanOf(order, "DONE");
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
    }

    @Test
    void deadLetterKeepsItsTraceparentAndItsReplayContinuesTheTrace() {
        String customer = newCustomer("traced-replay");
        OrderCreated order = order(customer, "SKU-001", 1, 100);
        String parent = newSpanId();
        handler.failingOrders.add(order.orderId());

        publishWithTraceparent(order, parent);
        var letter = await().atMost(Duration.ofSeconds(20))
                .until(() -> DeadLetterTopic.find(DLT, customer), Optional::isPresent).orElseThrow();
        handler.failingOrders.remove(order.orderId());
        replay.replay();

        assertThat(letter.header(EventHeaders.TRACEPARENT)).isEqualTo(traceparent(parent));
        SpanData replayed = awaitSpanOf(order, "DONE");
        assertThat(replayed.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(replayed.getParentSpanId()).isEqualTo(parent);
        assertThat(attribute(replayed, "messaging.destination.name")).isEqualTo(DLT);
        assertThat(TracedWorker.FINISHED.getFinishedSpanItems()).anySatisfy(failed -> {
            assertThat(attribute(failed, "orderflow.order.id")).isEqualTo(order.orderId().toString());
            assertThat(attribute(failed, "orderflow.outcome")).isEqualTo("dead_letter");
            assertThat(failed.getTraceId()).isEqualTo(TRACE_ID);
        });
    }

    private static RecordMetadata publishWithTraceparent(OrderCreated order, String parentSpanId) {
        return publishRaw(order.customerId(), EventJson.write(order), Map.of(
                EventHeaders.EVENT_ID, order.eventId().toString(),
                EventHeaders.EVENT_TYPE, OrderCreated.TYPE,
                EventHeaders.EVENT_VERSION, "1",
                EventHeaders.CONTENT_TYPE, EventHeaders.JSON,
                EventHeaders.TRACEPARENT, traceparent(parentSpanId)));
    }

    private static String traceparent(String parentSpanId) {
        return "00-" + TRACE_ID + "-" + parentSpanId + "-01";
    }

    private static String newSpanId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The processing span of the order that ended with the given outcome. */
    private static SpanData awaitSpanOf(OrderCreated order, String outcome) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> TracedWorker.FINISHED.getFinishedSpanItems()
                .stream()
                .filter(span -> order.orderId().toString().equals(attribute(span, "orderflow.order.id")))
                .filter(span -> outcome.equals(attribute(span, "orderflow.outcome")))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String attribute(SpanData span, String name) {
        return span.getAttributes().get(AttributeKey.stringKey(name));
    }
}
