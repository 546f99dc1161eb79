package dev.orderflow.loadtest.system;

import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Commit-to-acknowledgement latency of order-service's outbox relay in steady state (issue 3's "p99 ≤ 50 ms"): one
 * KRaft broker, PostgreSQL and order-service alone, as its own process from its jar (no workers, so the relay is
 * measured rather than the saturation of cores shared with five more JVMs), a long warm-up for the JIT, then fixed
 * open-loop rates of {@code POST /orders}. Each rate's latency is the difference of the relay's
 * {@code orderflow_outbox_publish_latency_seconds{since="commit"}} histogram before and after it, so a percentile is the
 * upper bound of Micrometer's bucket it falls in. Every rate runs {@code --runs} times; the report gives each run and
 * the median.
 *
 * <pre>usage: RelayLatencyBenchmark [--rates=25,50,100] [--duration=60] [--runs=3] [--warmup=120] [--warmup-rate=50]
 *        [--out=docs/benchmarks/relay-latency.md]</pre>
 */
public final class RelayLatencyBenchmark {

    private record Measurement(int rate, int run, double events, double p50, double p99, double p999,
            OpenLoopLoad.Result post, Map<String, Double> cpu, String loadAverage) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchmarkOptions.parse(args);
        List<Integer> rates = Arrays.stream(o.getOrDefault("rates", "25,50,100").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int duration = Integer.parseInt(o.getOrDefault("duration", "60"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "120"));
        int warmupRate = Integer.parseInt(o.getOrDefault("warmup-rate", "50"));
        Path root = Path.of("").toAbsolutePath();
        Path out = root.resolve(o.getOrDefault("out", "docs/benchmarks/relay-latency.md"));
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path work = Files.createDirectories(root.resolve("load-test/target/relay-latency-runs/" + run));
        Instant started = Instant.now();
        Map<String, String> machine = Machine.describe(root);

        List<Measurement> measurements = new ArrayList<>();
        try (BenchmarkStack stack = new BenchmarkStack(root, work, run, Map.of(), List.of(ServiceSpec.ORDER_SERVICE))) {
            say("starting the broker and order-service...");
            stack.start();
            ServiceProcess orders = stack.service("order-service");
            ProcessCpu cpu = new ProcessCpu();
            cpu.track("order-service", orders::pid);
            cpu.track("kafka broker", stack::kafkaPid);
            cpu.track("load generator", () -> ProcessHandle.current().pid());
            OpenLoopLoad load = new OpenLoopLoad(orders.baseUri().resolve("/orders"), 10_000);
            PrometheusHistogram commitToAck = new PrometheusHistogram(orders.managementUri(),
                    "orderflow_outbox_publish_latency_seconds", "since=\"commit\"");
            say("warm-up: " + warmupRate + "/s for " + warmup + " s");
            load.run("warm-up", warmupRate, Duration.ofSeconds(warmup));
            for (int r = 1; r <= runs; r++) {
                for (int rate : rates) {
                    PrometheusHistogram.Snapshot before = commitToAck.scrape();
                    ProcessCpu.Reading cpuBefore = cpu.read();
                    String loadBefore = Machine.loadAverage();
                    OpenLoopLoad.Result post = load.run(rate + "/s", rate, Duration.ofSeconds(duration));
                    Map<String, Double> cpuPercent = cpu.read().percentSince(cpuBefore);
                    // Every event of the rate acknowledged (the relay is woken at each commit) before reading.
                    Thread.sleep(1000);
                    PrometheusHistogram.Snapshot ack = commitToAck.scrape().minus(before);
                    Measurement m = new Measurement(rate, r, ack.count(), ack.percentileMillis(50),
                            ack.percentileMillis(99), ack.percentileMillis(99.9), post, cpuPercent,
                            loadBefore + " → " + Machine.loadAverage());
                    measurements.add(m);
                    say("run %d, %d/s: %.0f events, commit-to-ack p50 ≤ %.1f ms, p99 ≤ %.1f ms, p99.9 ≤ %.1f ms; %s"
                            .formatted(r, rate, m.events(), m.p50(), m.p99(), m.p999(), SystemBenchmark.summary(post)));
                }
            }
        }
        Files.writeString(out, report(o, machine, rates, duration, runs, warmup, warmupRate, measurements, started),
                StandardCharsets.UTF_8);
        say("report written: " + out);
    }

    private static String report(Map<String, String> options, Map<String, String> machine, List<Integer> rates,
            int duration, int runs, int warmup, int warmupRate, List<Measurement> measurements, Instant started) {
        StringBuilder md = new StringBuilder();
        md.append("# Outbox relay: commit to Kafka acknowledgement in steady state\n\n");
        md.append("Generated by `load-test/run-relay-latency-benchmark").append(BenchmarkOptions.asArguments(options))
                .append("`, ").append(started.toString().substring(0, 16).replace('T', ' ')).append(" UTC.\n\n");
        md.append("One KRaft broker, PostgreSQL and order-service alone (its executable jar, JVM options `")
                .append(String.join(" ", BenchmarkStack.JVM_OPTIONS)).append("`), on the same cores as the load ")
                .append("generator. A ").append(warmup).append(" s warm-up at ").append(warmupRate)
                .append(" orders/s, then each rate for ").append(duration).append(" s, ").append(runs)
                .append(" times over. *commit to ack*: the relay's `orderflow_outbox_publish_latency_seconds")
                .append("{since=\"commit\"}`, from the commit of the order's transaction to Kafka's acknowledgement ")
                .append("(acks=all, idempotent producer), read as the difference of its histogram before and after the ")
                .append("rate; a percentile is the upper bound of the bucket it falls in. *POST*: open-loop, from each ")
                .append("request's intended send time.\n\n");
        md.append("## Medians of ").append(runs).append(" runs\n\n");
        md.append("| rate | commit to ack p50 | p99 | p99.9 | POST p50 | POST p99 | p99 ≤ 50 ms in every run? |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (int rate : rates) {
            List<Measurement> of = measurements.stream().filter(m -> m.rate() == rate).toList();
            md.append("| %d/s | ≤ %s ms | ≤ %s ms | ≤ %s ms | %s ms | %s ms | %s |\n".formatted(rate,
                    f(median(of, Measurement::p50)), f(median(of, Measurement::p99)), f(median(of, Measurement::p999)),
                    f(median(of, m -> m.post().latency().getValueAtPercentile(50) / 1000.0)),
                    f(median(of, m -> m.post().latency().getValueAtPercentile(99) / 1000.0)),
                    of.stream().allMatch(m -> m.p99() <= 50) ? "yes" : "**no**"));
        }
        md.append("\n## Each run\n\n");
        md.append("| run | rate | events | commit to ack p50 | p99 | p99.9 | POST 201 / sent | POST p50 | POST p99 | ")
                .append("CPU order-service | CPU broker | CPU load generator | CPU PostgreSQL | load average |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measurement m : measurements) {
            md.append("| %d | %d/s | %.0f | ≤ %s ms | ≤ %s ms | ≤ %s ms | %d / %d | %s ms | %s ms | %s%% | %s%% | %s%% | %s%% | %s |\n"
                    .formatted(m.run(), m.rate(), m.events(), f(m.p50()), f(m.p99()), f(m.p999()), m.post().ok(),
                            m.post().sent(), f(m.post().latency().getValueAtPercentile(50) / 1000.0),
                            f(m.post().latency().getValueAtPercentile(99) / 1000.0),
                            f(m.cpu().getOrDefault("order-service", 0.0)), f(m.cpu().getOrDefault("kafka broker", 0.0)),
                            f(m.cpu().getOrDefault("load generator", 0.0)),
                            f(m.cpu().getOrDefault(ProcessCpu.POSTGRES, 0.0)), m.loadAverage()));
        }
        md.append("\n## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        return md.toString();
    }

    private static double median(List<Measurement> measurements, java.util.function.ToDoubleFunction<Measurement> f) {
        double[] values = measurements.stream().mapToDouble(f).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static String f(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void say(String line) {
        System.out.println(Instant.now().toString().substring(11, 19) + " relay-latency | " + line);
    }
}
