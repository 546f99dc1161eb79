package dev.orderflow.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady stream of orders (a fixed rate, the way traffic arrives, not a closed loop that saturates the machine)
 * is published completely. Also reports the relay's commit-to-acknowledgement latency (its
 * {@code outbox.publish.latency} timer) in the test log; the numbers are reported, never asserted: this machine
 * is shared and noisy, and the log line says how loaded it was.
 */
class PublishLatencyTest {

    private static final Logger log = LoggerFactory.getLogger(PublishLatencyTest.class);
    private static final int ORDERS_PER_SECOND = Integer.getInteger("latency.rate", 100);
    private static final int ORDERS = Integer.getInteger("latency.orders", 2000);

    @Test
    void steadyStreamOfOrdersIsPublishedCompletely() throws Exception {
        try (OrderServiceInstance service = OrderServiceInstance.start(TestPostgres.freshDatabase("orders_latency"),
                TestKafka.bootstrapServers(), Map.of())) {
            String run = "latency-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            // Warm-up (connections, metadata, JIT) before the stream; the timer's count tells them apart.
            for (int i = 0; i < 20; i++) {
                service.api().post(OrderApi.order(run + "warm-up"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> service.backlog().waiting() == 0);
            long warmUp = service.relay().latency().count();

            List<CompletableFuture<HttpResponse<String>>> responses = new CopyOnWriteArrayList<>();
            AtomicInteger sent = new AtomicInteger();
            CountDownLatch allSent = new CountDownLatch(1);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            clock.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i < ORDERS) {
                    responses.add(service.api().postAsync(OrderApi.order(run + "customer-" + (i % 20)), null));
                } else {
                    allSent.countDown();
                }
            }, 0, 1_000_000 / ORDERS_PER_SECOND, TimeUnit.MICROSECONDS);
            assertThat(allSent.await(5, TimeUnit.MINUTES)).isTrue();
            clock.shutdownNow();
            responses.forEach(response -> assertThat(response.join().statusCode()).isEqualTo(201));

            var records = OrderCreatedRecords.read(TestKafka.bootstrapServers(),
                    OrderCreatedRecords.keyStartsWith(run + "customer-"), ORDERS, Duration.ofSeconds(60),
                    Duration.ofSeconds(1));
            assertThat(records).hasSize(ORDERS);

            HistogramSnapshot latency = service.relay().latency().takeSnapshot();
            StringBuilder percentiles = new StringBuilder();
            for (ValueAtPercentile p : latency.percentileValues()) {
                percentiles.append(String.format(" p%.0f=%.1fms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
            }
            log.info("commit-to-ack latency, {} events at {} orders/s (+{} warm-up):{} max={}ms; load average {} on {} cores",
                    latency.count() - warmUp, ORDERS_PER_SECOND, warmUp, percentiles,
                    String.format("%.1f", latency.max(TimeUnit.MILLISECONDS)),
                    String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
