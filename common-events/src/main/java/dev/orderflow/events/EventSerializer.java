package dev.orderflow.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Writes an event as JSON and sets the contract's headers (id, type, version, content type) on the record. */
public class EventSerializer implements Serializer<DomainEvent> {

    @Override
    public byte[] serialize(String topic, DomainEvent event) {
        return event == null ? null : EventJson.write(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, DomainEvent event) {
        if (event == null) {
            return null;
        }
        EventType type = EventTypes.of(event.getClass());
        set(headers, EventHeaders.EVENT_ID, event.eventId().toString());
        set(headers, EventHeaders.EVENT_TYPE, type.name());
        set(headers, EventHeaders.EVENT_VERSION, Integer.toString(type.version()));
        set(headers, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
        return EventJson.write(event);
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
