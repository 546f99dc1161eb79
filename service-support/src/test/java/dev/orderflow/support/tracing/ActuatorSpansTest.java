package dev.orderflow.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.test.simple.SimpleSpan;
import org.junit.jupiter.api.Test;

class ActuatorSpansTest {

    private final ActuatorSpans predicate = new ActuatorSpans();

    @Test
    void probeAndScrapeRequestsAreNotExported() {
        assertThat(predicate.isExportable(request("/actuator/health/{*path}", "/actuator/health/readiness"))).isFalse();
        assertThat(predicate.isExportable(request("/actuator/prometheus", "/actuator/prometheus"))).isFalse();
    }

    @Test
    void businessRequestsAndOtherSpansAreExported() {
        assertThat(predicate.isExportable(request("/orders", "/orders"))).isTrue();
        assertThat(predicate.isExportable(request("/orders/{id}", "/orders/actuator"))).isTrue();
        assertThat(predicate.isExportable(new SimpleSpan().name("process OrderCreated"))).isTrue();
    }

    private static SimpleSpan request(String uri, String url) {
        SimpleSpan span = new SimpleSpan();
        span.name("http get");
        span.tag("uri", uri);
        span.tag("http.url", url);
        return span;
    }
}
