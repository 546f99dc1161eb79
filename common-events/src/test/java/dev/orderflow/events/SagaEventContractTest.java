package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pins the wire format of every saga event, version 1, against its fixture. */
class SagaEventContractTest {

    private static final UUID EVENT = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID ORDER = UUID.fromString("5f1c2c2a-7d3e-4f9a-8b1c-2d3e4f5a6b7c");
    private static final UUID PAYMENT = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final String CUSTOMER = "customer-123";
    private static final Instant AT = Instant.parse("2026-11-24T12:00:01Z");
    private static final List<StockItem> ITEMS = List.of(new StockItem("SKU-001", 2));

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("payment-succeeded-v1.json",
                        new PaymentSucceeded(EVENT, ORDER, CUSTOMER, AT, PAYMENT, 2598, "EUR", "sim-5f1c2c2a")),
                Arguments.of("payment-declined-v1.json",
                        new PaymentDeclined(EVENT, ORDER, CUSTOMER, AT, "CARD_DECLINED")),
                Arguments.of("payment-refunded-v1.json",
                        new PaymentRefunded(EVENT, ORDER, CUSTOMER, AT, PAYMENT, 2598, "EUR")),
                Arguments.of("stock-reserved-v1.json", new StockReserved(EVENT, ORDER, CUSTOMER, AT, ITEMS)),
                Arguments.of("stock-rejected-v1.json", new StockRejected(EVENT, ORDER, CUSTOMER, AT,
                        List.of(new StockRejected.Shortage("SKU-001", 2, 1)))),
                Arguments.of("stock-released-v1.json", new StockReleased(EVENT, ORDER, CUSTOMER, AT, ITEMS)),
                Arguments.of("order-confirmed-v1.json", new OrderConfirmed(EVENT, ORDER, CUSTOMER, AT, 2598, "EUR")),
                Arguments.of("order-cancelled-v1.json", new OrderCancelled(EVENT, ORDER, CUSTOMER, AT,
                        OrderCancelled.Reason.PAYMENT_DECLINED, List.of(OrderCancelled.Compensation.RELEASE_STOCK))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void fixtureAndRecordAreTheSameEvent(String fixture, DomainEvent event) {
        Headers headers = new RecordHeaders();

        byte[] written = serializer.serialize(Topics.ORDER_LIFECYCLE, headers, event);

        assertThat(tree(written)).isEqualTo(tree(read(fixture)));
        assertThat(deserializer.deserialize(Topics.ORDER_LIFECYCLE, headers, read(fixture))).isEqualTo(event);
        assertThat(header(headers, EventHeaders.EVENT_TYPE)).isEqualTo(event.getClass().getSimpleName());
        assertThat(header(headers, EventHeaders.EVENT_VERSION)).isEqualTo("1");
        assertThat(header(headers, EventHeaders.EVENT_ID)).isEqualTo(EVENT.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void missingOrderIdIsRejected(String fixture, DomainEvent event) {
        Headers headers = new RecordHeaders();
        serializer.serialize(Topics.ORDER_LIFECYCLE, headers, event);
        ObjectNode json = (ObjectNode) tree(read(fixture));
        json.remove("orderId");

        assertThatThrownBy(() -> deserializer.deserialize(Topics.ORDER_LIFECYCLE, headers,
                EventJson.mapper().writeValueAsBytes(json)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("orderId");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void unknownFieldsAreIgnored(String fixture, DomainEvent event) {
        Headers headers = new RecordHeaders();
        serializer.serialize(Topics.ORDER_LIFECYCLE, headers, event);
        ObjectNode json = (ObjectNode) tree(read(fixture));
        json.put("addedInALaterMinorRelease", true);

        assertThat(deserializer.deserialize(Topics.ORDER_LIFECYCLE, headers,
                EventJson.mapper().writeValueAsBytes(json))).isEqualTo(event);
    }

    private static byte[] read(String fixture) {
        try (InputStream in = SagaEventContractTest.class.getResourceAsStream("/fixtures/" + fixture)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        return EventJson.mapper().readTree(json);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
