package dev.orderflow.loadtest.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load: POSTs orders at a fixed rate whatever the answers take, each request on its own virtual thread,
 * and records each latency in HdrHistogram from the request's <em>intended</em> send time (start + i / rate), not
 * from when it actually left. A stalled server or a late sender therefore shows as latency instead of silently
 * lowering the rate (no coordinated omission).
 */
final class OpenLoopLoad {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    /** What one phase measured. Latencies in microseconds. */
    record Result(String name, int targetRate, Duration duration, long sent, long ok, long errors,
            double achievedRate, Histogram latency, List<double[]> perSecond) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final URI target;
    private final int customers;

    OpenLoopLoad(URI target, int customers) {
        this.target = target;
        this.customers = customers;
        BenchmarkTokens.prepare(customers);
    }

    /** Sends {@code rate} orders a second for {@code duration} and waits (bounded) for every answer. */
    Result run(String name, int rate, Duration duration) throws InterruptedException {
        ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Recorder interval = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long total = duration.toSeconds() * rate;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        List<double[]> perSecond = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        Thread sampler = Thread.ofPlatform().daemon().name("latency-sampler").start(() -> {
            // One point a second: second, requests answered, p50 and p99 of that second (ms).
            long second = 0;
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(++second) - System.nanoTime());
                Histogram h = interval.getIntervalHistogram();
                synchronized (perSecond) {
                    perSecond.add(new double[] {second, h.getTotalCount(),
                            h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0});
                }
            }
        });
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                requests.execute(() -> {
                    boolean accepted = post();
                    long now = System.nanoTime();
                    long micros = Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000));
                    latency.recordValue(micros);
                    interval.recordValue(micros);
                    (accepted ? ok : errors).incrementAndGet();
                    lastAnswer.accumulateAndGet(now, Math::max);
                });
            }
            requests.shutdown();
            if (!requests.awaitTermination(2, TimeUnit.MINUTES)) {
                requests.shutdownNow();
            }
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        double seconds = (lastAnswer.get() - start) / 1e9;
        List<double[]> points;
        synchronized (perSecond) {
            points = List.copyOf(perSecond);
        }
        return new Result(name, rate, duration, total, ok.get(), errors.get(), ok.get() / seconds, latency, points);
    }

    /**
     * Each customer lives in one region: 35% US, 35% EU, 20% APAC (the region partitioner's fixed partitions) and
     * 10% LATAM (a region it hashes), so the partition skew of both partitioners is measured on the same mix.
     */
    static String regionOf(int customer) {
        int share = customer % 20;
        return share < 7 ? "US" : share < 14 ? "EU" : share < 18 ? "APAC" : "LATAM";
    }

    /** One order of the benchmark: the customer's number (for its token) and the JSON body. */
    record BenchOrder(int customer, String body) {
    }

    static String customerName(int number) {
        return "bench-" + number;
    }

    /**
     * The benchmark's order: a random customer of {@code customers} (the record key), one line of a random SKU of 20.
     * The Gatling simulation sends the same orders.
     */
    static BenchOrder randomOrder(int customers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int number = random.nextInt(customers);
        String customer = customerName(number);
        return new BenchOrder(number, """
                {"customerId":"%s","contact":{"email":"%s@example.com","phone":"+447700900123"},
                 "region":"%s","currency":"EUR","items":[{"sku":"SKU-%03d","quantity":1,"unitPriceMinor":1000}]}
                """.formatted(customer, customer, regionOf(number), 1 + random.nextInt(20)));
    }

    private boolean post() {
        BenchOrder order = randomOrder(customers);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchmarkTokens.customer(order.customer()))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(order.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
