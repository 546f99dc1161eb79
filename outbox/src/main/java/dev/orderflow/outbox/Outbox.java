package dev.orderflow.outbox;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventType;
import dev.orderflow.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores an event for publishing, in the caller's database transaction: the event is sent if and only if that
 * transaction commits. Must be called inside a Spring-managed transaction on the service's DataSource
 * (JPA or JDBC transaction manager alike); without one it throws. When tracing is on and a span is current (the
 * HTTP request that places an order, a worker's processing of a record), the event is stored with that span's
 * W3C {@code traceparent}, so the trace continues at every consumer.
 */
public class Outbox {

    /** Every orderflow event concerns one order: the aggregate of Debezium's outbox event router. */
    static final String AGGREGATE_TYPE = "order";

    /** Set by the relay from the row itself; callers may not override them. */
    private static final Set<String> RESERVED_HEADERS =
            Set.of(EventHeaders.EVENT_ID, EventHeaders.EVENT_TYPE, EventHeaders.EVENT_VERSION, EventHeaders.CONTENT_TYPE);

    private final JdbcClient jdbc;
    private final Consumer<UUID> committed;
    private final Clock clock;
    private final OutboxTracing tracing;

    /**
     * @param committed told the id of each event right after its transaction commits, to wake the local relay at
     *                  once (and let it measure commit-to-acknowledgement latency)
     */
    public Outbox(JdbcClient jdbc, Consumer<UUID> committed, Clock clock) {
        this(jdbc, committed, clock, OutboxTracing.NONE);
    }

    Outbox(JdbcClient jdbc, Consumer<UUID> committed, Clock clock, OutboxTracing tracing) {
        this.jdbc = jdbc;
        this.committed = committed;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** Stores {@code event} for {@code topic}, keyed by {@link DomainEvent#key()}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, DomainEvent event) {
        append(topic, event, Map.of());
    }

    /**
     * Stores {@code event} for {@code topic} with extra record headers (e.g. {@code region}). The contract headers
     * event-id, event-type, event-version and content-type are always set from the event itself. A
     * {@code traceparent} given here is kept as it is; otherwise the current span's context is stored, if any.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, DomainEvent event, Map<String, String> extraHeaders) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // Reached without the proxy (e.g. a self-call): refuse rather than write outside a transaction.
            throw new IllegalStateException("Outbox.append needs a Spring-managed transaction");
        }
        EventType type = EventTypes.of(event.getClass());
        Map<String, String> headers = new LinkedHashMap<>();
        extraHeaders.forEach((name, value) -> {
            if (RESERVED_HEADERS.contains(name)) {
                throw new IllegalArgumentException("Header " + name + " is set by the outbox itself");
            }
            headers.put(name, value);
        });
        if (!headers.containsKey(EventHeaders.TRACEPARENT)) {
            tracing.currentContext().forEach(headers::putIfAbsent);
        }
        headers.put(EventHeaders.EVENT_VERSION, Integer.toString(type.version()));

        jdbc.sql("""
                INSERT INTO outbox_events
                    (id, aggregatetype, aggregateid, type, payload, topic, message_key, headers, created_at)
                VALUES (:id, :aggregateType, :aggregateId, :type, CAST(:payload AS jsonb), :topic, :key,
                        CAST(:headers AS jsonb), :createdAt)
                """)
                .param("id", event.eventId())
                .param("aggregateType", AGGREGATE_TYPE)
                .param("aggregateId", event.orderId().toString())
                .param("type", type.name())
                .param("payload", new String(EventJson.write(event), StandardCharsets.UTF_8))
                .param("topic", topic)
                .param("key", event.key())
                .param("headers", EventJson.mapper().writeValueAsString(headers))
                .param("createdAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();

        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.accept(event.eventId());
            }
        });
    }
}
