package dev.orderflow.inventoryworker.stock.web;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class StockControllerTest {

    @LocalServerPort
    int port;

    @Test
    void rejectedReservationIsShownWithWhatWasShort() {
        OrderCreated tooMany = order(newCustomer("short"), "SKU-006", 5_000, 100);
        publish(tooMany);

        String shown = new WorkerEndpoint(port)
                .awaitBodyContaining("\"status\":\"REJECTED\"", "/reservations/{id}", tooMany.orderId());
        assertThat(shown).contains("\"sku\":\"SKU-006\"", "\"requested\":5000");
        assertThat(new WorkerEndpoint(port).statusAndType("/reservations/{id}", UUID.randomUUID()))
                .containsExactly(HttpStatusCode.valueOf(404), MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void seededSkuHasItsStartingStock() {
        String body = client().get().uri("/stock/SKU-020").retrieve().body(String.class);

        assertThat(body).contains("\"sku\":\"SKU-020\"").contains("\"available\":");
    }

    @Test
    void adminSetsTheStockOfASku() {
        client().put().uri("/stock/SKU-ADMIN-1").contentType(MediaType.APPLICATION_JSON)
                .body("{\"available\": 42}").retrieve().toBodilessEntity();

        String body = client().get().uri("/stock/SKU-ADMIN-1").retrieve().body(String.class);
        assertThat(body).contains("\"available\":42");
    }

    @Test
    void negativeStockIsABadRequestNamingTheField() {
        ResponseEntity<String> response = client().put().uri("/stock/SKU-001").contentType(MediaType.APPLICATION_JSON)
                .body("{\"available\": -1}").retrieve()
                .onStatus(HttpStatusCode::isError, (request, reply) -> { })
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).contains("\"field\":\"available\"");
    }

    private RestClient client() {
        return WorkerEndpoint.opsClient(port);
    }
}
