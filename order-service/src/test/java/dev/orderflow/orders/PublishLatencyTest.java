package dev.orderflow.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady stream of orders from a few concurrent clients is published completely. Also reports the relay's
 * commit-to-acknowledgement latency (its {@code outbox.publish.latency} timer) in the test log; the numbers are
 * reported, never asserted (this machine is shared and noisy).
 */
class PublishLatencyTest {

    private static final Logger log = LoggerFactory.getLogger(PublishLatencyTest.class);
    private static final int CLIENTS = 4;
    private static final int ORDERS_PER_CLIENT = 500;

    @Test
    void steadyStreamOfOrdersIsPublishedCompletely() throws Exception {
        try (OrderServiceInstance service = OrderServiceInstance.start(TestPostgres.freshDatabase("orders_latency"),
                TestKafka.bootstrapServers(), Map.of())) {
            String run = "latency-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            // Warm-up: first connections, metadata, JIT; not part of the stream.
            for (int i = 0; i < 20; i++) {
                service.api().post(OrderApi.order(run + "warm-up"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> service.backlog().waiting() == 0);
            long warmUp = service.relay().latency().count();

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String customer = run + "customer-" + c;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < ORDERS_PER_CLIENT; i++) {
                        assertThat(service.api().post(OrderApi.order(customer)).statusCode()).isEqualTo(201);
                    }
                }));
            }
            for (Future<?> client : done) {
                client.get(5, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            clients.shutdown();

            var records = OrderCreatedRecords.read(TestKafka.bootstrapServers(),
                    OrderCreatedRecords.keyStartsWith(run + "customer-"), CLIENTS * ORDERS_PER_CLIENT,
                    Duration.ofSeconds(60), Duration.ofSeconds(1));
            assertThat(records).hasSize(CLIENTS * ORDERS_PER_CLIENT);

            HistogramSnapshot latency = service.relay().latency().takeSnapshot();
            StringBuilder percentiles = new StringBuilder();
            for (ValueAtPercentile p : latency.percentileValues()) {
                percentiles.append(String.format(" p%.0f=%.1fms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
            }
            log.info("commit-to-ack latency over {} events ({} orders/s from {} clients, after {} warm-up events):{} max={}ms",
                    latency.count() - warmUp, String.format("%.0f", CLIENTS * ORDERS_PER_CLIENT / seconds), CLIENTS,
                    warmUp, percentiles, String.format("%.1f", latency.max(TimeUnit.MILLISECONDS)));
        }
    }
}
