package dev.orderflow.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderflow.stack.FreePorts;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/** A minimal OTLP/HTTP trace receiver (protobuf, as Spring Boot's exporter sends it): keeps every span. */
final class SpanReceiver implements AutoCloseable {

    /** One span as a service exported it. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            SpanKind kind, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> received = new ConcurrentLinkedQueue<>();

    private SpanReceiver(HttpServer server) {
        this.server = server;
    }

    static SpanReceiver start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.any()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the span receiver", e);
        }
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
