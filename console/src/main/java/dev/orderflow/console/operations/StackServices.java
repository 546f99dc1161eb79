package dev.orderflow.console.operations;

import dev.orderflow.console.ConsoleProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The local stack's control endpoint ({@code GET /services}, {@code POST /services/<name>/stop|start}), which only
 * {@code scripts/run-local} runs: elsewhere (compose, Kubernetes) the console says so instead.
 */
@Component
class StackServices {

    /** A start waits for the service's readiness, up to two minutes on the stack's side. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    enum Action { stop, start }

    record ServiceState(String name, String state) {
    }

    record Stack(boolean available, String reason, List<ServiceState> services) {
    }

    private final Optional<URI> control;
    private final ConsoleProperties properties;
    private final RestClient http;

    StackServices(ConsoleProperties properties) {
        this.properties = properties;
        this.control = properties.stackControl();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(START_TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    Stack states() {
        if (control.isEmpty()) {
            return new Stack(false, "no control endpoint is configured (orderflow.console.stack-control)", List.of());
        }
        try {
            String body = http.get().uri(control.get().resolve("/services")).retrieve().body(String.class);
            List<ServiceState> states = Arrays.stream(body == null ? new String[0] : body.split("\n"))
                    .map(String::trim).filter(line -> line.contains(" "))
                    .map(line -> new ServiceState(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)))
                    .toList();
            return new Stack(true, null, states);
        } catch (RestClientException e) {
            return new Stack(false, "the control endpoint " + control.get() + " is not answering", List.of());
        }
    }

    /** Stops or starts one of the configured services; anything else is a 404, never a request to the stack. */
    ServiceState apply(String service, Action action) {
        URI base = control.orElseThrow(() -> new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE));
        if (properties.service(service).isEmpty()) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND);
        }
        http.post().uri(base.resolve("/services/" + service + "/" + action.name())).retrieve().toBodilessEntity();
        return new ServiceState(service, action == Action.stop ? "stopped" : "ready");
    }
}
