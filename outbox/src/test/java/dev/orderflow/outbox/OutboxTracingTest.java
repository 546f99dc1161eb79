package dev.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The trace context through the outbox, with the service's real tracer (OpenTelemetry through Micrometer Tracing):
 * an event appended inside a span is stored and published with that span's {@code traceparent}.
 */
// The test's own root span must be sampled to be exported and stored with the sampled flag.
@SpringBootTest(classes = OutboxTestApplication.class, properties = "management.tracing.sampling.probability=1.0")
@Import(OutboxTracingTest.Spans.class)
@WithKafka
@WithPostgres(database = "outbox_tracing")
class OutboxTracingTest {

    /** Every finished span, at once (Boot's own batch processor exports to nothing here: no endpoint is set). */
    @TestConfiguration
    static class Spans {
        static final InMemorySpanExporter FINISHED = InMemorySpanExporter.create();

        @Bean
        SpanProcessor exportFinishedSpansAtOnce() {
            return SimpleSpanProcessor.create(FINISHED);
        }
    }

    @Autowired
    Tracer tracer;

    @Autowired
    OutboxTestApplication.EventStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eventAppendedInsideASpanIsStoredAndPublishedWithItsTraceparent() {
        OrderCreated event = event();

        Span request = storeInsideASpan(event, Map.of());

        // version 00, the span's trace and span ids, then its flags (sampled, and OpenTelemetry's random-id flag).
        String traceparent = storedTraceparent(event);
        assertThat(traceparent).matches("00-" + request.context().traceId() + "-" + request.context().spanId()
                + "-0[13]");
        assertThat(header(publishedRecordOf(event), "traceparent")).isEqualTo(traceparent);
    }

    @Test
    void relaySendsTheEventInsideAPublishSpanThatContinuesTheStoredTrace() {
        OrderCreated event = event();

        Span request = storeInsideASpan(event, Map.of());

        SpanData publish = await().atMost(Duration.ofSeconds(10)).until(() -> publishSpanOf(event), span -> span != null);
        assertThat(publish.getName()).isEqualTo("outbox publish");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getTraceId()).isEqualTo(request.context().traceId());
        assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(publish.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(OutboxTestApplication.TOPIC);
    }

    @Test
    void traceparentGivenByTheCallerIsKeptAsItIs() {
        OrderCreated event = event();
        String given = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        storeInsideASpan(event, Map.of("traceparent", given));

        assertThat(storedTraceparent(event)).isEqualTo(given);
    }

    @Test
    void eventAppendedOutsideAnySpanIsStoredWithoutTraceContext() {
        OrderCreated event = event();

        store.store(event, Map.of());

        assertThat(storedTraceparent(event)).isNull();
        assertThat(header(publishedRecordOf(event), "traceparent")).isNull();
    }

    private Span storeInsideASpan(OrderCreated event, Map<String, String> headers) {
        Span request = tracer.nextSpan().name("http post /orders").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            store.store(event, headers);
        } finally {
            request.end();
        }
        return request;
    }

    private String storedTraceparent(OrderCreated event) {
        return jdbc.sql("SELECT headers->>'traceparent' FROM outbox_events WHERE id = ?").param(event.eventId())
                .query(String.class).optional().orElse(null);
    }

    private static SpanData publishSpanOf(OrderCreated event) {
        List<SpanData> finished = Spans.FINISHED.getFinishedSpanItems();
        return finished.stream()
                .filter(span -> event.eventId().toString()
                        .equals(span.getAttributes().get(AttributeKey.stringKey("orderflow.event.id"))))
                .findFirst().orElse(null);
    }

    private static OrderCreated event() {
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), "customer-" + UUID.randomUUID(),
                new OrderCreated.Contact("ada@example.com", "+447700900123"), "EU", "EUR",
                List.of(new OrderCreated.Item("SKU-1", 1, 100)), 100, Instant.now());
    }

    /** Reads the test topic from its beginning until the event's record comes by. */
    private static ConsumerRecord<String, byte[]> publishedRecordOf(OrderCreated event) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-tracing-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(OutboxTestApplication.TOPIC));
            AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (event.eventId().toString().equals(header(record, "event-id"))) {
                        found.set(record);
                    }
                });
                return found.get() != null;
            });
            return found.get();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
