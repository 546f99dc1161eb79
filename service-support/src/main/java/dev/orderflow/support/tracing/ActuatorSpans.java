package dev.orderflow.support.tracing;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;

/**
 * Keeps the spans of the actuator's own requests (readiness and liveness probes every few seconds, Prometheus
 * scrapes) out of the export, where they would bury the traces of orders; their metrics are kept.
 */
public class ActuatorSpans implements SpanExportingPredicate {

    private static final String PREFIX = "/actuator";

    @Override
    public boolean isExportable(FinishedSpan span) {
        return !(startsWithActuator(span.getTags().get("uri")) || startsWithActuator(span.getTags().get("http.url")));
    }

    private static boolean startsWithActuator(String path) {
        return path != null && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"));
    }
}
