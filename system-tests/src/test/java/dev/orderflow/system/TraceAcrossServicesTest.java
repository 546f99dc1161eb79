package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.MailSink;
import dev.orderflow.stack.ServiceEnvironment;
import dev.orderflow.stack.ServiceSpec;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One order, one trace: the whole system as separate processes, each exporting its spans over OTLP/HTTP to a
 * receiver in this test JVM, and a POST /orders that carries a W3C {@code traceparent} of the test's own. The
 * trace must run from that POST through order-service's outbox and Kafka into the processing of the order by each
 * of the five workers, and every service's log line about the order must carry the same trace id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAcrossServicesTest {

    static final List<String> WORKERS = FastFaultScenariosTest.WORKERS;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private SpanReceiver spans;
    private MailSink mail;
    private SystemUnderTest system;

    @BeforeAll
    void startTheSystemExportingItsSpansHere() throws IOException {
        spans = SpanReceiver.start();
        mail = new MailSink(FreePorts.any());
        system = new SystemUnderTest(1)
                .configure("email-worker", "SPRING_MAIL_PORT", Integer.toString(mail.port()))
                .configure("email-worker", "SPRING_MAIL_HOST", "127.0.0.1");
        for (ServiceSpec service : ServiceSpec.ALL) {
            system.configure(service.name(), ServiceEnvironment.OTLP_ENDPOINT, spans.endpoint())
                    // Boot's default batches spans for 5 s; shorter keeps the test's wait short.
                    .configure(service.name(), "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "200ms");
        }
        system.start(WORKERS);
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (spans != null) {
            spans.close();
        }
    }

    @Test
    void oneTraceRunsFromThePostThroughTheOutboxToEveryWorkersProcessing() throws Exception {
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);

        UUID order = placeOrder("00-" + traceId + "-" + clientSpanId + "-01");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<ReceivedSpan> trace = spans.ofTrace(traceId);
            ReceivedSpan post = trace.stream()
                    .filter(span -> span.service().equals("order-service") && span.kind() == SpanKind.SPAN_KIND_SERVER)
                    .findFirst().orElseThrow(() -> new AssertionError("no server span of order-service in " + trace));
            assertThat(post.parentSpanId()).as("POST /orders continues the client's span").isEqualTo(clientSpanId);
            List<String> orderServiceSpans = trace.stream().filter(span -> span.service().equals("order-service"))
                    .map(ReceivedSpan::spanId).toList();
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
        String body = """
                {"customerId":"traced-%s","contact":{"email":"ada@example.com","phone":"+447700900123"},
                 "region":"EU","currency":"EUR","items":[{"sku":"SKU-001","quantity":1,"unitPriceMinor":1299}]}
                """.formatted(UUID.randomUUID());
        HttpRequest request = HttpRequest.newBuilder(system.service("order-service").baseUri().resolve("/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
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

    /** One span as a service exported it. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            SpanKind kind, Map<String, String> attributes) {
    }

    /** A minimal OTLP/HTTP trace receiver (protobuf, as Spring Boot's exporter sends it): keeps every span. */
    static final class SpanReceiver implements AutoCloseable {

        private final HttpServer server;
        private final ConcurrentLinkedQueue<ReceivedSpan> received = new ConcurrentLinkedQueue<>();

        private SpanReceiver(HttpServer server) {
            this.server = server;
        }

        static SpanReceiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.any()), 50);
            SpanReceiver receiver = new SpanReceiver(server);
            server.createContext("/v1/traces", receiver::export);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        }

        String endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces").toString();
        }

        List<ReceivedSpan> ofTrace(String traceId) {
            return received.stream().filter(span -> span.traceId().equals(traceId)).toList();
        }

        private void export(HttpExchange exchange) throws IOException {
            int status = 200;
            try (InputStream body = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                keep(ExportTraceServiceRequest.parseFrom(gzip ? new GZIPInputStream(body) : body));
            } catch (IOException | RuntimeException e) {
                status = 400;
            }
            try (exchange) {
                // An empty ExportTraceServiceResponse: everything accepted.
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(status, -1);
            }
        }

        private void keep(ExportTraceServiceRequest request) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList())
                        .getOrDefault("service.name", "?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (var span : scope.getSpansList()) {
                        received.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()),
                                hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                                span.getName(), span.getKind(), attributes(span.getAttributesList())));
                    }
                }
            }
        }

        private static Map<String, String> attributes(List<KeyValue> attributes) {
            return attributes.stream().collect(Collectors.toMap(KeyValue::getKey,
                    attribute -> attribute.getValue().getStringValue(), (first, second) -> first));
        }

        private static String hex(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
