package dev.orderflow.worker.testing;

import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.TestIssuer;
import java.time.Duration;
import java.util.List;
import org.springframework.web.client.RestClient;

/** A worker's own HTTP face in a test, called by operations (scope {@code ops}): what a GET answers, whatever its status. */
public final class WorkerEndpoint {

    private final RestClient http;

    public WorkerEndpoint(int port) {
        this.http = opsClient(port);
    }

    /** A client on {@code port} that sends an operator's bearer token, as the worker's endpoints require. */
    public static RestClient opsClient(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestIssuer.get().ops()).build();
    }

    /** The body of {@code GET uri}, also for 4xx and 5xx answers. */
    public String body(String uri, Object... variables) {
        return http.get().uri(uri, variables)
                .exchange((request, response) -> new String(response.getBody().readAllBytes()), false);
    }

    /** Waits (up to 20 s) until {@code GET uri} answers a body containing {@code expected}, and returns it. */
    public String awaitBodyContaining(String expected, String uri, Object... variables) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> body(uri, variables),
                answer -> answer.contains(expected));
    }

    /** The status code and content type of {@code GET uri}, e.g. to check for a 404 problem body. */
    public List<Object> statusAndType(String uri, Object... variables) {
        return http.get().uri(uri, variables)
                .exchange((request, response) -> List.<Object>of(response.getStatusCode(),
                        String.valueOf(response.getHeaders().getContentType())), false);
    }
}
