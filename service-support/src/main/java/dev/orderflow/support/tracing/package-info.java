/**
 * Tracing every service shares: Micrometer Tracing over the OpenTelemetry SDK (Spring Boot's auto-configuration),
 * one trace in ten sampled where it starts (the rest follow their caller's decision) unless
 * {@code management.tracing.sampling.probability} says otherwise, spans exported over
 * OTLP/HTTP only when {@code management.opentelemetry.tracing.export.otlp.endpoint} is set (a blank value means off),
 * and the actuator's own requests (probes, scrapes) kept out of the exported traces. Trace and span ids appear in
 * every log line through Boot's log correlation. How the trace crosses Kafka: the outbox stores the W3C
 * {@code traceparent} with each event, and worker-support continues it for each record it processes.
 */
package dev.orderflow.support.tracing;
