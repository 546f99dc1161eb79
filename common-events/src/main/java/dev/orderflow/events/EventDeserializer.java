package dev.orderflow.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an event by its {@code event-type} and {@code event-version} headers. Anything it cannot read
 * exactly raises {@link EventFormatException}; wrapped in Spring Kafka's ErrorHandlingDeserializer that
 * sends the record to the dead-letter topic instead of stopping the consumer.
 */
public class EventDeserializer implements Deserializer<DomainEvent> {

    @Override
    public DomainEvent deserialize(String topic, byte[] data) {
        throw new EventFormatException("Cannot read a record from " + topic + " without its event headers");
    }

    @Override
    public DomainEvent deserialize(String topic, Headers headers, byte[] data) {
        String name = header(headers, EventHeaders.EVENT_TYPE, topic);
        String versionText = header(headers, EventHeaders.EVENT_VERSION, topic);
        int version;
        try {
            version = Integer.parseInt(versionText.trim());
        } catch (NumberFormatException e) {
            throw new EventFormatException("Header event-version on " + topic + " is not a number: " + versionText);
        }
        EventType type = EventTypes.find(name, version).orElseThrow(() -> new EventFormatException(
                "Unknown event " + name + " version " + version + " on " + topic
                        + "; this release reads versions " + EventTypes.versionsOf(name)));
        if (data == null || data.length == 0) {
            throw new EventFormatException("Empty body for " + name + " on " + topic);
        }
        return EventJson.read(data, type.recordClass());
    }

    private static String header(Headers headers, String name, String topic) {
        Header header = headers == null ? null : headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new EventFormatException("Record on " + topic + " has no " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
