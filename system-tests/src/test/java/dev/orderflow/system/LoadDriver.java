package dev.orderflow.system;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: places orders at a fixed rate for a bounded time, each from its own virtual thread, and keeps
 * the ids of those answered 201. Refused or failed requests (the service was down) are counted, not retried:
 * the promise under test is about accepted orders only.
 */
final class LoadDriver implements AutoCloseable {

    private final OrderClient client;
    private final String customerPrefix;
    private final int customers;
    private final String skuPrefix;
    private final int perSecond;
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread pacer;
    private volatile boolean running = true;

    private LoadDriver(OrderClient client, String customerPrefix, int customers, int perSecond, Duration duration,
            String skuPrefix) {
        this.client = client;
        this.customerPrefix = customerPrefix;
        this.customers = customers;
        this.skuPrefix = skuPrefix;
        this.perSecond = perSecond;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long total = duration.toSeconds() * perSecond;
        this.pacer = Thread.ofPlatform().name("load-" + customerPrefix).start(() -> {
            long next = System.nanoTime();
            for (long i = 0; i < total && running; i++) {
                requests.execute(this::placeOne);
                next += intervalNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        });
    }

    /**
     * Starts placing {@code perSecond} orders a second for {@code duration}, from {@code customers} customers, of the
     * seeded SKUs ({@code SKU-001} to {@code SKU-020}).
     */
    static LoadDriver start(OrderClient client, String customerPrefix, int customers, int perSecond,
            Duration duration) {
        return start(client, customerPrefix, customers, perSecond, duration, "SKU-");
    }

    /** As {@link #start}, of the SKUs {@code <skuPrefix>001} to {@code <skuPrefix>020}, whose stock the caller set. */
    static LoadDriver start(OrderClient client, String customerPrefix, int customers, int perSecond,
            Duration duration, String skuPrefix) {
        return new LoadDriver(client, customerPrefix, customers, perSecond, duration, skuPrefix);
    }

    /** What the report says of the load. */
    String describe() {
        return "%d orders/s from %d customers".formatted(perSecond, customers);
    }

    private void placeOne() {
        String customer = customerPrefix + "-" + ThreadLocalRandom.current().nextInt(customers);
        String sku = skuPrefix + "%03d".formatted(1 + ThreadLocalRandom.current().nextInt(20));
        UUID id = client.place(customer, sku, 1, 1_000);
        if (id == null) {
            refused.incrementAndGet();
        } else {
            accepted.add(id);
        }
    }

    /** Waits until the load has been sent and every request answered. */
    void awaitDone() throws InterruptedException {
        pacer.join();
        requests.shutdown();
        if (!requests.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Requests still open a minute after the load ended");
        }
    }

    Set<UUID> accepted() {
        return Set.copyOf(accepted);
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        awaitDone();
    }
}
