package dev.orderflow.console.operations;

import dev.orderflow.console.ConsoleProperties;
import dev.orderflow.console.ConsoleProperties.MonitoredService;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Each group's dead letters, read and replayed through its service's {@code /actuator/deadletters} with the
 * operator's token (scope {@code ops}); the services are asked side by side, as each opens a Kafka consumer.
 */
@Component
class DeadLetters {

    /** One group: records waiting per dead-letter topic, or why it could not be read. */
    record Group(String group, Map<String, Long> topics, long total, String error) {
    }

    private final ConsoleProperties properties;
    private final RestClient http;
    private final ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor();

    DeadLetters(ConsoleProperties properties, RestClient.Builder http) {
        this.properties = properties;
        this.http = http.clone().build();
    }

    List<Group> list(String token) {
        List<CompletableFuture<Group>> answers = properties.services().stream()
                .map(service -> CompletableFuture.supplyAsync(() -> read(service, token), askers)).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    Map<String, Object> replay(String group, String token) {
        MonitoredService service = properties.service(group)
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND));
        return http.post().uri(endpoint(service)).headers(h -> h.setBearerAuth(token))
                .retrieve().body(new ParameterizedTypeReference<>() { });
    }

    private Group read(MonitoredService service, String token) {
        try {
            Map<String, Long> topics = http.get().uri(endpoint(service)).headers(h -> h.setBearerAuth(token))
                    .retrieve().body(new ParameterizedTypeReference<>() { });
            long total = topics == null ? 0 : topics.values().stream().mapToLong(Long::longValue).sum();
            return new Group(service.name(), topics == null ? Map.of() : topics, total, null);
        } catch (RestClientException e) {
            return new Group(service.name(), Map.of(), 0, e.getClass().getSimpleName());
        }
    }

    private static URI endpoint(MonitoredService service) {
        return service.managementUrl().resolve("/actuator/deadletters");
    }
}
