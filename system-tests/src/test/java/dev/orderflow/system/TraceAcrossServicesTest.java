package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.stack.ServiceSpec;
import dev.orderflow.testsupport.TestIssuer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One order, one trace: the whole system as separate processes, each exporting its spans over OTLP/HTTP to a
 * receiver in the test JVM (SharedSystem), and a POST /orders that carries a sampled W3C {@code traceparent} of the
 * test's own (the services sample nothing else, so the load of the other scenarios exports nothing). The
 * trace must run from that POST through order-service's outbox and Kafka into the processing of the order by each
 * of the five workers, and every service's log line about the order must carry the same trace id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSystem.class)
class TraceAcrossServicesTest {

    static final List<String> WORKERS = SharedSystem.WORKERS;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private SpanReceiver spans;
    private SystemUnderTest system;

    @BeforeAll
    void connect() {
        spans = SharedSystem.spans();
        system = SharedSystem.system();
    }

    @Test
    void oneTraceRunsFromThePostThroughTheOutboxToEveryWorkersProcessing() throws Exception {
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);

        UUID order = placeOrder("00-" + traceId + "-" + clientSpanId + "-01");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<SpanReceiver.ReceivedSpan> trace = spans.ofTrace(traceId);
            SpanReceiver.ReceivedSpan post = trace.stream()
                    .filter(span -> span.service().equals("order-service") && span.kind() == SpanKind.SPAN_KIND_SERVER)
                    .findFirst().orElseThrow(() -> new AssertionError("no server span of order-service in " + trace));
            assertThat(post.parentSpanId()).as("POST /orders continues the client's span").isEqualTo(clientSpanId);
            List<String> orderServiceSpans = trace.stream().filter(span -> span.service().equals("order-service"))
                    .map(SpanReceiver.ReceivedSpan::spanId).toList();
            assertThat(trace).as("the outbox relay's publish span").anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("order-service");
                assertThat(span.name()).isEqualTo("outbox publish");
                assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
                assertThat(orderServiceSpans).contains(span.parentSpanId());
            });
            for (String worker : WORKERS) {
                assertThat(trace).as(worker + " processing the order in the POST's trace").anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo(worker);
                    assertThat(span.name()).isEqualTo("process OrderCreated");
                    assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
                    assertThat(span.attributes()).containsEntry("orderflow.order.id", order.toString());
                    assertThat(orderServiceSpans).as("its parent is a span of order-service")
                            .contains(span.parentSpanId());
                });
            }
        });

        for (ServiceSpec service : ServiceSpec.ALL) {
            List<String> lines;
            try (Stream<String> log = Files.lines(system.service(service.name()).logFile())) {
                lines = log.filter(line -> line.contains(order.toString())).toList();
            }
            assertThat(lines).as(service.name() + "'s log lines about the order").isNotEmpty()
                    .anySatisfy(line -> assertThat(line).contains(traceId));
        }
        report(traceId, order);
    }

    /** POST /orders as a traced client sends it: with its own span's context in {@code traceparent}. */
    private UUID placeOrder(String traceparent) throws IOException, InterruptedException {
        String customer = "traced-" + UUID.randomUUID();
        String body = """
                {"customerId":"%s","contact":{"email":"ada@example.com","phone":"+447700900123"},
                 "region":"EU","currency":"EUR","items":[{"sku":"SKU-001","quantity":1,"unitPriceMinor":1299}]}
                """.formatted(customer);
        HttpRequest request = HttpRequest.newBuilder(system.service("order-service").baseUri().resolve("/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .header("Authorization", "Bearer " + TestIssuer.get().customer(customer))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Matcher id = ID.matcher(response.body());
            assertThat(id.find()).as(response.body()).isTrue();
            return UUID.fromString(id.group(1));
        }
    }

    private void report(String traceId, UUID order) {
        String tree = spans.ofTrace(traceId).stream()
                .map(span -> "  " + span.service() + " | " + span.name() + " (" + span.kind().name()
                        .replace("SPAN_KIND_", "") + ") span " + span.spanId() + " parent " + span.parentSpanId())
                .collect(Collectors.joining("\n"));
        System.out.printf("[system-test] trace %s of order %s, %d spans:%n%s%n", traceId, order,
                spans.ofTrace(traceId).size(), tree);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
