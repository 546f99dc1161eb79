package dev.orderflow.outbox;

import dev.orderflow.events.EventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the trace across the outbox: {@link Outbox#append} stores the current span's context (the W3C
 * {@code traceparent}, and whatever else the service's propagator writes) with the event, and the relay sends it
 * as the record's headers, inside a short "outbox publish" span that continues the stored context. Without a
 * tracer and a propagator (tracing off) it stores nothing and starts no span.
 */
final class OutboxTracing {

    static final OutboxTracing NONE = new OutboxTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The headers that carry the current span's context; empty outside any span or with tracing off. */
    Map<String, String> currentContext() {
        if (tracer == null || propagator == null) {
            return Map.of();
        }
        Span current = tracer.currentSpan();
        if (current == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(current.context(), headers, Map::put);
        return headers;
    }

    /**
     * Starts the producer span of one event, a child of the context stored with it; null if there is none (the
     * event was stored outside any trace) or tracing is off.
     */
    Span startPublish(PendingEvent event) {
        if (tracer == null || propagator == null || !event.headers().containsKey(EventHeaders.TRACEPARENT)) {
            return null;
        }
        return propagator.extract(event.headers(), Map::get)
                .kind(Span.Kind.PRODUCER)
                .name("outbox publish")
                .tag("messaging.system", "kafka")
                .tag("messaging.operation", "publish")
                .tag("messaging.destination.name", event.topic())
                .tag("orderflow.event.type", event.type())
                .tag("orderflow.event.id", event.id().toString())
                .start();
    }
}
