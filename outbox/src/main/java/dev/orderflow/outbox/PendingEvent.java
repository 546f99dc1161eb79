package dev.orderflow.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One unpublished outbox row, as the relay sends it. */
record PendingEvent(
        UUID id, long sequence, String topic, String key, String type, byte[] payload,
        Map<String, String> headers, Instant createdAt) {
}
