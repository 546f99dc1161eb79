package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventTypes;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        Span span = start(record);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            RecordResult result = processing.get();
            end(span, result);
            return result;
        } catch (RuntimeException e) {
            span.error(e);
            span.end();
            throw e;
        }
    }

    /**
     * The spans of a batch recorded at once ({@link BatchRecording}): one per record, as on the per-record path,
     * current while the record's {@code perform} runs; ended with the batch's outcome for each record. None is current
     * during the batch's statements, which serve all of them.
     */
    Spans startAll(List<ConsumerRecord<String, DomainEvent>> records) {
        if (tracer == null || propagator == null) {
            return Spans.NONE;
        }
        Map<ConsumerRecord<?, ?>, Span> spans = new IdentityHashMap<>();
        records.forEach(record -> spans.put(record, start(record)));
        return new Spans(tracer, spans);
    }

    /** The spans of one batch; without tracing, they do nothing. */
    static final class Spans {

        static final Spans NONE = new Spans(null, Map.of());

        private final Tracer tracer;
        private final Map<ConsumerRecord<?, ?>, Span> spans;

        private Spans(Tracer tracer, Map<ConsumerRecord<?, ?>, Span> spans) {
            this.tracer = tracer;
            this.spans = spans;
        }

        /** Runs {@code work} with the record's span current. */
        <T> T inScope(ConsumerRecord<?, ?> record, Supplier<T> work) {
            Span span = spans.get(record);
            if (span == null) {
                return work.get();
            }
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                return work.get();
            }
        }

        /** Ends the record's span with its result. */
        void end(ConsumerRecord<?, ?> record, RecordResult result) {
            Span span = spans.remove(record);
            if (span != null) {
                RecordTracing.end(span, result);
            }
        }

        /** Ends every span not ended yet: the batch failed, and its records are processed again one by one. */
        void failAll(RuntimeException cause) {
            spans.values().forEach(span -> span.error(cause).end());
            spans.clear();
        }
    }

    private Span start(ConsumerRecord<String, DomainEvent> record) {
        DomainEvent event = record.value();
        return propagator.extract(record.headers(), HEADERS)
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
    }

    private static void end(Span span, RecordResult result) {
        span.tag("orderflow.outcome", outcome(result));
        switch (result) {
            case RecordResult.DeadLetter dead -> span.error(dead.cause());
            case RecordResult.NotDone notDone -> span.error(notDone.cause());
            default -> {
            }
        }
        span.end();
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
