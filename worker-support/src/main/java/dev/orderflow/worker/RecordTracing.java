package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventTypes;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One consumer span per record, continuing the trace its producer stored in the record's {@code traceparent}
 * header (a record without one starts a trace of its own). The span is current on the lane's thread for the whole
 * processing, retries included, so log lines carry its ids and an outbox event appended in {@code record} is
 * stored with its context. Without a tracer and a propagator (tracing off) records are processed as they are.
 */
final class RecordTracing {

    static final RecordTracing NONE = new RecordTracing(null, null, null);

    private static final Propagator.Getter<Headers> HEADERS = (headers, name) -> {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;
    private final String group;

    RecordTracing(Tracer tracer, Propagator propagator, String group) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.group = group;
    }

    /** Runs the processing of one readable record inside its span, which ends with the record's result. */
    RecordResult process(ConsumerRecord<String, DomainEvent> record, Supplier<RecordResult> processing) {
        if (tracer == null || propagator == null) {
            return processing.get();
        }
        DomainEvent event = record.value();
        Span span = propagator.extract(record.headers(), HEADERS)
                .kind(Span.Kind.CONSUMER)
                .name("process " + EventTypes.of(event.getClass()).name())
                .tag("orderflow.worker", group)
                .tag("messaging.system", "kafka")
                .tag("messaging.operation", "process")
                .tag("messaging.consumer.group.name", group)
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.destination.partition.id", Integer.toString(record.partition()))
                .tag("messaging.kafka.offset", Long.toString(record.offset()))
                .tag("orderflow.order.id", event.orderId().toString())
                .tag("orderflow.event.id", event.eventId().toString())
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            RecordResult result = processing.get();
            span.tag("orderflow.outcome", outcome(result));
            switch (result) {
                case RecordResult.DeadLetter dead -> span.error(dead.cause());
                case RecordResult.NotDone notDone -> span.error(notDone.cause());
                default -> {
                }
            }
            return result;
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The step, made to run inside the span current here (the record's, on its lane) on whichever thread runs it: a
     * group committer's, so its log lines and the outbox rows it writes keep the record's trace.
     */
    RecordCommits.RecordStep onCurrentSpan(RecordCommits.RecordStep step) {
        if (tracer == null) {
            return step;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return step;
        }
        return () -> {
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                return step.run();
            }
        };
    }

    private static String outcome(RecordResult result) {
        return switch (result) {
            case RecordResult.Processed processed -> processed.outcome();
            case RecordResult.Duplicate duplicate -> "duplicate";
            case RecordResult.Ignored ignored -> "ignored";
            case RecordResult.DeadLetter dead -> "dead_letter";
            case RecordResult.DeadLettered dead -> "dead_lettered";
            case RecordResult.NotDone notDone -> "not_done";
        };
    }
}
