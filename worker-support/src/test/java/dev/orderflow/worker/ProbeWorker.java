package dev.orderflow.worker;

import dev.orderflow.events.OrderCreated;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A minimal worker for the core's tests: its effect is a row in probe_effects; chosen orders always fail. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ProbeWorker {

    @Bean
    ProbeHandler probeHandler(JdbcClient jdbc, @Value("${probe.latency:0ms}") Duration latency) {
        return new ProbeHandler(jdbc, latency);
    }

    /** Records each order's item quantity as its sequence number within the customer, to check key order. */
    static class ProbeHandler implements OrderCreatedHandler<Integer> {

        final Set<java.util.UUID> failingOrders = ConcurrentHashMap.newKeySet();
        /** Orders whose record writes its effect and then fails: its savepoint must take the effect back. */
        final Set<java.util.UUID> failingRecords = ConcurrentHashMap.newKeySet();
        /** Orders for which the provider is down as a whole, with the calls made for each meanwhile. */
        final Set<java.util.UUID> unavailableOrders = ConcurrentHashMap.newKeySet();
        final Map<java.util.UUID, AtomicInteger> unavailableCalls = new ConcurrentHashMap<>();
        final Map<java.util.UUID, AtomicInteger> performed = new ConcurrentHashMap<>();
        private final JdbcClient jdbc;

        private final Duration latency;

        ProbeHandler(JdbcClient jdbc, Duration latency) {
            this.jdbc = jdbc;
            this.latency = latency;
        }

        private final AtomicInteger performs = new AtomicInteger();
        private volatile int holdAfter = Integer.MAX_VALUE;
        private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

        /** From now on, calls beyond the next {@code calls} wait until {@link #release()}. */
        void holdAfter(int calls) {
            gate = new java.util.concurrent.CountDownLatch(1);
            holdAfter = performs.get() + calls;
        }

        void release() {
            holdAfter = Integer.MAX_VALUE;
            gate.countDown();
        }

        @Override
        public Integer perform(OrderCreated order) {
            if (!latency.isZero()) {
                // The simulated provider's own latency (probe.latency, RebalanceTest's slow provider): work that
                // takes time, like the real workers' simulated gateways, not a test waiting for something to happen.
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the provider", e);
                }
            }
            if (performs.incrementAndGet() > holdAfter) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while held", e);
                }
            }
            if (unavailableOrders.contains(order.orderId())) {
                unavailableCalls.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
                throw new ProviderUnavailableException("Provider answers 503 for order " + order.orderId(), null);
            }
            if (failingOrders.contains(order.orderId())) {
                throw new IllegalStateException("Provider refuses order " + order.orderId());
            }
            return performed.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public String record(OrderCreated order, Integer attempt) {
            jdbc.sql("INSERT INTO probe_effects (order_id, customer_id, sequence) VALUES (?, ?, ?)")
                    .params(order.orderId(), order.customerId(), order.items().getFirst().quantity())
                    .update();
            if (failingRecords.contains(order.orderId())) {
                throw new IllegalStateException("Record refuses order " + order.orderId());
            }
            return "DONE";
        }
    }
}
