package dev.orderflow.paymentworker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.worker.testing.WorkerEndpoint;
import dev.orderflow.worker.testing.WorkerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

@WorkerTest(database = "payments", properties = "orderflow.payment.gateway.latency=20ms")
class ActuatorEndpointsTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void prometheusShowsTheWorkersCountersAndTheConsumerLagPerPartition() {
        publish(order(newCustomer("metered"), "SKU-001", 1, 100));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("orderflow_worker_records_total\\{[^}]*outcome=\"processed\"[^}]*worker=\"payment-worker\"")
                .containsPattern("orderflow_worker_consumer_lag\\{[^}]*partition=\"11\"[^}]*topic=\"order-created\"[^}]*worker=\"payment-worker\"")
                .contains("kafka_consumer_fetch_manager_records_lag_max")
                .contains("orderflow_worker_processing_seconds"));
    }

    @Test
    void readinessReflectsTheDatabase() {
        String readiness = RestClient.create("http://localhost:" + managementPort + "/actuator/health/readiness")
                .get().retrieve().body(String.class);
        String publicReadiness = RestClient.create("http://localhost:" + port + "/readyz").get().retrieve()
                .body(String.class);

        assertThat(readiness).contains("\"status\":\"UP\"");
        assertThat(publicReadiness).contains("\"status\":\"UP\"");
    }

    @Test
    void deadLetterEndpointListsTheGroupsDeadLetterTopicAndReplaysIt() {
        RestClient actuator = WorkerEndpoint.opsClient(managementPort);

        String pending = actuator.get().uri("/actuator/deadletters").retrieve().body(String.class);
        String replay = actuator.post().uri("/actuator/deadletters").retrieve().body(String.class);

        assertThat(pending).contains("\"order-created.payment-worker.DLT\":");
        assertThat(replay).contains("\"complete\":true");
    }

    private String scrape() {
        return RestClient.create("http://localhost:" + managementPort + "/actuator/prometheus").get().retrieve()
                .body(String.class);
    }
}
