package dev.orderflow.inventoryworker.stock.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestIssuer;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The operations row of ARCHITECTURE.md's security table, from the side of those it keeps out: setting stock, a
 * worker's read endpoints and the dead letters answer 401 without a token and 403 to a customer or to support, with a
 * problem body, and change nothing.
 */
@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class OperationsAccessRulesTest {

    private static final String SKU = "SKU-RULES-1";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    static Stream<Arguments> callersWhoAreNotOperations() {
        TestIssuer issuer = TestIssuer.get();
        return Stream.of(
                Arguments.of("nobody (no token)", null, 401),
                Arguments.of("a customer", "Bearer " + issuer.customer("customer-rules"), 403),
                Arguments.of("support", "Bearer " + issuer.support(), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callersWhoAreNotOperations")
    void cannotSetStockAndTheStockStaysAsItWas(String caller, String authorization, int status) {
        WorkerEndpoint.opsClient(port).put().uri("/stock/{sku}", SKU).contentType(MediaType.APPLICATION_JSON)
                .body("{\"available\": 5}").retrieve().toBodilessEntity();

        ResponseEntity<String> refused = call(port, HttpMethod.PUT, "/stock/" + SKU, authorization,
                "{\"available\": 0}");

        assertProblem(refused, status);
        assertThat(new WorkerEndpoint(port).body("/stock/{sku}", SKU)).contains("\"available\":5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callersWhoAreNotOperations")
    void cannotReadTheWorkersEndpoints(String caller, String authorization, int status) {
        assertProblem(call(port, HttpMethod.GET, "/stock/SKU-001", authorization, null), status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callersWhoAreNotOperations")
    void cannotListOrReplayDeadLetters(String caller, String authorization, int status) {
        assertProblem(call(managementPort, HttpMethod.GET, "/actuator/deadletters", authorization, null), status);
        assertProblem(call(managementPort, HttpMethod.POST, "/actuator/deadletters", authorization, null), status);
    }

    private static ResponseEntity<String> call(int port, HttpMethod method, String uri, String authorization,
            String json) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port).method(method).uri(uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.exchange((req, response) -> ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders()).body(new String(response.getBody().readAllBytes())), false);
    }

    private static void assertProblem(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getBody()).contains("\"status\":" + status);
    }
}
