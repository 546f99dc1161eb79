package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pins the wire format of OrderCreated v1: a change to it must show here, in review. */
class OrderCreatedContractTest {

    private static final String TOPIC = Topics.ORDER_CREATED;

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    @Test
    void fixtureReadsIntoTheRecordItDescribes() {
        OrderCreated event = read(fixture());

        assertThat(event).isEqualTo(sample());
    }

    @Test
    void recordWritesExactlyTheFixture() {
        Headers headers = new RecordHeaders();

        byte[] json = serializer.serialize(TOPIC, headers, sample());

        assertThat(tree(json)).isEqualTo(tree(fixture()));
        assertThat(fieldNames(tree(json))).containsExactly(
                "eventId", "orderId", "customerId", "contact", "region", "currency", "items", "totalMinor", "createdAt");
    }

    @Test
    void moneyIsWrittenAsIntegerMinorUnitsAndTimeAsIsoUtc() {
        JsonNode json = tree(serializer.serialize(TOPIC, new RecordHeaders(), sample()));

        assertThat(json.get("totalMinor").isIntegralNumber()).isTrue();
        assertThat(json.get("items").get(0).get("unitPriceMinor").isIntegralNumber()).isTrue();
        assertThat(json.get("createdAt").asString()).isEqualTo("2026-11-24T12:00:00Z");
    }

    @Test
    void serializerSetsTheContractHeaders() {
        Headers headers = new RecordHeaders();

        serializer.serialize(TOPIC, headers, sample());

        assertThat(header(headers, EventHeaders.EVENT_ID)).isEqualTo("0b6f6b1e-3c1f-4b8e-9a55-1d2f3e4a5b6c");
        assertThat(header(headers, EventHeaders.EVENT_TYPE)).isEqualTo("OrderCreated");
        assertThat(header(headers, EventHeaders.EVENT_VERSION)).isEqualTo("1");
        assertThat(header(headers, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void roundTripIsStable() {
        Headers headers = new RecordHeaders();
        byte[] first = serializer.serialize(TOPIC, headers, sample());

        byte[] second = serializer.serialize(TOPIC, new RecordHeaders(), deserializer.deserialize(TOPIC, headers, first));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode json = (ObjectNode) tree(fixture());
        json.put("loyaltyTier", "gold");
        ((ObjectNode) json.get("contact")).put("fax", "+4420000000");

        OrderCreated event = read(bytes(json));

        assertThat(event).isEqualTo(sample());
    }

    @Test
    void regionIsOptional() {
        ObjectNode json = (ObjectNode) tree(fixture());
        json.remove("region");

        assertThat(read(bytes(json)).region()).isNull();
    }

    @Test
    void missingRequiredFieldIsRejectedNamingTheField() {
        ObjectNode json = (ObjectNode) tree(fixture());
        json.remove("orderId");

        assertThatThrownBy(() -> read(bytes(json)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("orderId");
    }

    @Test
    void missingMoneyIsRejectedRatherThanReadAsZero() {
        ObjectNode json = (ObjectNode) tree(fixture());
        json.remove("totalMinor");

        assertThatThrownBy(() -> read(bytes(json)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("totalMinor");
    }

    @Test
    void wrongTypeIsRejected() {
        ObjectNode json = (ObjectNode) tree(fixture());
        json.put("totalMinor", "a lot");

        assertThatThrownBy(() -> read(bytes(json))).isInstanceOf(EventFormatException.class);
    }

    @Test
    void fractionalMoneyIsRejectedRatherThanTruncated() {
        ObjectNode json = (ObjectNode) tree(fixture());
        json.put("totalMinor", 25.98);

        assertThatThrownBy(() -> read(bytes(json))).isInstanceOf(EventFormatException.class);
    }

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> read("{\"eventId\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("OrderCreated");
    }

    @Test
    void unknownEventVersionIsRejectedNamingTheVersionsItReads() {
        Headers headers = headers("OrderCreated", "2");

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, headers, fixture()))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("[1]");
    }

    @Test
    void unknownEventTypeIsRejected() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, headers("OrderShipped", "1"), fixture()))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("OrderShipped");
    }

    @Test
    void recordWithoutHeadersIsRejected() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new RecordHeaders(), fixture()))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining(EventHeaders.EVENT_TYPE);
    }

    @Test
    void invalidContractValuesAreRejected() {
        ObjectNode json = (ObjectNode) tree(fixture());
        ((ObjectNode) json.get("items").get(0)).put("quantity", 0);

        assertThatThrownBy(() -> read(bytes(json)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("quantity");
    }

    static OrderCreated sample() {
        return new OrderCreated(
                UUID.fromString("0b6f6b1e-3c1f-4b8e-9a55-1d2f3e4a5b6c"),
                UUID.fromString("5f1c2c2a-7d3e-4f9a-8b1c-2d3e4f5a6b7c"),
                "customer-123",
                new OrderCreated.Contact("ada@example.com", "+447700900123"),
                "EU",
                "EUR",
                List.of(new OrderCreated.Item("SKU-001", 2, 1299)),
                2598,
                Instant.parse("2026-11-24T12:00:00Z"));
    }

    private OrderCreated read(byte[] json) {
        return (OrderCreated) deserializer.deserialize(TOPIC, headers("OrderCreated", "1"), json);
    }

    private static Headers headers(String type, String version) {
        Headers headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_VERSION, version.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] fixture() {
        try (InputStream in = OrderCreatedContractTest.class.getResourceAsStream("/fixtures/order-created-v1.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        return EventJson.mapper().readTree(json);
    }

    private static byte[] bytes(JsonNode json) {
        return EventJson.mapper().writeValueAsBytes(json);
    }

    private static List<String> fieldNames(JsonNode json) {
        return json.propertyNames().stream().toList();
    }
}
