package dev.orderflow.orders.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tools.jackson.databind.json.JsonMapper;

/**
 * SHA-256 of a request's canonical JSON (the parsed request written back), so a retry that differs only in
 * whitespace or field order counts as the same request.
 */
public final class RequestFingerprint {

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private RequestFingerprint() {
    }

    public static byte[] of(Object request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
