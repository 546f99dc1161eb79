package dev.orderflow.worker.testing;

import static org.awaitility.Awaitility.await;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The events a service published through its outbox on a topic for one order, read back from Kafka with a plain
 * consumer once the outbox has sent every row of the order: so the list is all there is, not what arrived in time.
 */
public final class PublishedEvents {

    /** One record as it is on the topic. */
    public record Published(String key, Map<String, String> headers, DomainEvent event) {

        public String type() {
            return headers.get(EventHeaders.EVENT_TYPE);
        }
    }

    private PublishedEvents() {
    }

    /** Call once the worker's group has caught up, so no handling of the order is still under way. */
    public static List<Published> of(JdbcClient jdbc, String topic, UUID orderId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM outbox_events WHERE aggregateid = ? AND published_at IS NULL")
                .param(orderId.toString()).query(Long.class).single() == 0);
        // The generic reader of worker-support's fixtures reads any topic from its start to its current end.
        return DeadLetterTopic.read(topic).stream()
                .map(PublishedEvents::published)
                .filter(published -> published.event().orderId().equals(orderId))
                .toList();
    }

    private static Published published(DeadLetterTopic.DeadLetter record) {
        Map<String, String> headers = record.headers().keySet().stream()
                .collect(Collectors.toMap(name -> name, record::header));
        var type = EventTypes.find(headers.get(EventHeaders.EVENT_TYPE),
                Integer.parseInt(headers.get(EventHeaders.EVENT_VERSION))).orElseThrow();
        return new Published(record.key(), headers, EventJson.read(record.value(), type.recordClass()));
    }
}
