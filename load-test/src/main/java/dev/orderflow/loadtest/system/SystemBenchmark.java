package dev.orderflow.loadtest.system;

import dev.orderflow.stack.AotCache;
import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.orderflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole-system benchmark of issue 9: starts orderflow (one broker, six service processes) with the local stack's
 * classes, drives {@code POST /orders} at fixed open-loop rates, measures the seed's synchronous baseline the same
 * way, then the machine's limits (pgbench, Kafka's ProducerPerformance), and writes a Markdown report with charts.
 * The issue asks for medians of at least three runs: one stack start and one warm-up (six cold JVMs take minutes),
 * then the whole rate ladder {@code --runs} times on that stack, then ProducerPerformance and pgbench {@code --runs}
 * times each while the stack is idle, then, with the stack stopped, the baseline {@code --runs} times.
 *
 * <pre>usage: SystemBenchmark [--smoke] [--runs=3] [--rates=25,50,100,500,1000] [--duration=60] [--warmup=180]
 *        [--warmup-rate=20] [--idle=60] [--partitioning=KEY|REGION] [--provider-delays=off|seed] [--baseline-rate=50] [--baseline-duration=30] [--pgbench-clients=10]
 *        [--pgbench-seconds=30] [--perf-records=500000] [--perf-record-size=500] [--drain-timeout=120]
 *        [--customers=10000] [--out=docs/benchmarks] [--before-jars=DIR --before-label=REF] [--aot-cache=off|on]</pre>
 *
 * <p>{@code --before-jars}: a checkout of another version with its services' jars built (the script's
 * {@code --before=REF} makes one): that version is measured first, the same way on a stack of its own, and the
 * report sets its cost per order beside this version's.
 *
 * <p>{@code --aot-cache=on}: every service JVM (of both versions) starts from its ahead-of-time cache under
 * {@code .run/aot-cache}, trained before its start where missing, as {@code scripts/run-local} starts them.
 */
public final class SystemBenchmark {

    static final List<String> WORKERS =
            List.of("payment-worker", "inventory-worker", "email-worker", "sms-worker", "analytics-worker");

    /** What one rate measured in one run (numbered from 1). Times on the lag sampler's axis (seconds). */
    record Phase(int run, OpenLoopLoad.Result load, String loadAverageBefore, String loadAverageAfter,
            Map<String, Double> cpuPercent, double compilerPercent, PrometheusHistogram.Snapshot commitToAck,
            Map<String, EndToEndLatency.Result> endToEnd, double drainSeconds, boolean drained,
            Map<String, Long> maxLag, double startSecond, double loadEndSecond, PartitionSkew skew,
            DatabaseActivity.Snapshot database, KafkaRecords.Snapshot records) {
    }

    /**
     * One stack's measurements: its rate ladders, its idle CPU per process and the part of it its JVMs' JIT compilers
     * used, its lag samples.
     */
    record Measured(List<Phase> phases, Map<String, Double> idleCpuPercent, double idleCompilerPercent,
            List<ConsumerLagSampler.Sample> lag, boolean statementsTracked) {
    }

    /** Everything the report needs; every list in run order ({@code pgbench}: each run's clients in turn). */
    record Results(Settings settings, Map<String, String> machine, List<Phase> phases,
            List<OpenLoopLoad.Result> baselines, List<MachineLimit.Pgbench> pgbench,
            List<MachineLimit.ProducerPerf> producerPerf, List<ConsumerLagSampler.Sample> lag,
            Map<String, Double> idleCpuPercent, double idleCompilerPercent, Measured before, boolean statementsTracked, Instant started,
            Instant finished) {
    }

    record Settings(boolean smoke, int runs, List<Integer> rates, int durationSeconds, int warmupSeconds,
            int warmupRate, int idleSeconds, String partitioning, boolean providerDelays,
            int baselineRate, int baselineSeconds, List<Integer> pgbenchClients, int pgbenchSeconds, long perfRecords,
            int perfRecordSize, int drainTimeoutSeconds, int customers, Path out, Path before, String beforeLabel,
            boolean aotCache, String commandLine) {

        static Settings parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.equals("--help")) {
                    System.out.println("See the Javadoc of SystemBenchmark or docs/benchmarks/system.md");
                    System.exit(0);
                }
                if (arg.equals("--smoke")) {
                    o.put("smoke", "true");
                    continue;
                }
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("Options look like --name=value, got: " + arg);
                }
                o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            boolean smoke = o.containsKey("smoke");
            int runs = Integer.parseInt(o.getOrDefault("runs", smoke ? "1" : "3"));
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
            }
            return new Settings(smoke, runs,
                    ints(o.getOrDefault("rates", smoke ? "50,200" : "25,50,100,500,1000")),
                    Integer.parseInt(o.getOrDefault("duration", smoke ? "10" : "60")),
                    // Six JVMs start cold on two cores: their JIT compilers alone took a core for minutes, so a
                    // short warm-up measured compilation, not orderflow (session 4's profile).
                    Integer.parseInt(o.getOrDefault("warmup", smoke ? "5" : "180")),
                    Integer.parseInt(o.getOrDefault("warmup-rate", "20")),
                    Integer.parseInt(o.getOrDefault("idle", smoke ? "10" : "60")),
                    o.getOrDefault("partitioning", "KEY").toUpperCase(java.util.Locale.ROOT),
                    o.getOrDefault("provider-delays", "off").equals("seed"),
                    Integer.parseInt(o.getOrDefault("baseline-rate", smoke ? "20" : "50")),
                    Integer.parseInt(o.getOrDefault("baseline-duration", smoke ? "5" : "30")),
                    ints(o.getOrDefault("pgbench-clients", "10")),
                    Integer.parseInt(o.getOrDefault("pgbench-seconds", smoke ? "5" : "30")),
                    Long.parseLong(o.getOrDefault("perf-records", smoke ? "50000" : "500000")),
                    Integer.parseInt(o.getOrDefault("perf-record-size", "500")),
                    Integer.parseInt(o.getOrDefault("drain-timeout", smoke ? "60" : "120")),
                    Integer.parseInt(o.getOrDefault("customers", "10000")),
                    Path.of(o.getOrDefault("out", smoke ? "load-test/target/system-benchmark" : "docs/benchmarks")),
                    o.containsKey("before-jars") ? Path.of(o.get("before-jars")).toAbsolutePath() : null,
                    o.getOrDefault("before-label", o.getOrDefault("before-jars", "")),
                    switch (o.getOrDefault("aot-cache", "off")) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new IllegalArgumentException("--aot-cache is on or off");
                    },
                    String.join(" ", args));
        }

        private static List<Integer> ints(String list) {
            return List.of(list.split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Settings settings = Settings.parse(args);
        Path root = Path.of("").toAbsolutePath();
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path work = Files.createDirectories(root.resolve("load-test/target/system-benchmark-runs/" + run));
        Instant started = Instant.now();
        Map<String, String> machine = Machine.describe(root);
        say("run " + run + ", work directory " + work + "; machine: " + machine);

        Map<String, String> environment = new LinkedHashMap<>();
        // Every relay (order-service's, payment's and inventory's) spreads its topic the same way.
        environment.put("ORDERFLOW_OUTBOX_PARTITIONING", settings.partitioning());
        if (!settings.providerDelays()) {
            environment.put("ORDERFLOW_PAYMENT_GATEWAY_LATENCY", "0ms");
            environment.put("ORDERFLOW_INVENTORY_LATENCY", "0ms");
        }
        List<MachineLimit.Pgbench> pgbench = new ArrayList<>();
        List<MachineLimit.ProducerPerf> producerPerf = new ArrayList<>();
        Measured before = null;
        if (settings.before() != null) {
            // The version to compare with first, on a stack of its own, the same way: the A of the A/B.
            say("the version before (" + settings.beforeLabel() + "): its jars from " + settings.before());
            try (BenchmarkStack stack = new BenchmarkStack(settings.before(), work.resolve("before"), run + "b",
                    environment, ServiceSpec.ALL, aotCache(root, settings))) {
                before = measure(stack, settings, "before");
            }
        }
        Measured current;
        try (BenchmarkStack stack = new BenchmarkStack(root, work, run, environment, ServiceSpec.ALL,
                aotCache(root, settings))) {
            current = measure(stack, settings, "this version");
            // After every run's rates, on the idle stack: its records (--perf-records a time) never sit in the
            // broker under a ladder.
            try (Admin admin = stack.kafka().admin()) {
                for (int n = 1; n <= settings.runs(); n++) {
                    say("machine limit, run " + n + " of " + settings.runs() + ": Kafka ProducerPerformance, "
                            + settings.perfRecords() + " records of " + settings.perfRecordSize() + " bytes");
                    MachineLimit.ProducerPerf result = MachineLimit.producerPerformance(admin,
                            stack.kafka().bootstrapServers(), stack.kafkaAdminConfigFile(), settings.perfRecords(),
                            settings.perfRecordSize());
                    say("  " + result);
                    producerPerf.add(result);
                }
            }
            for (int n = 1; n <= settings.runs(); n++) {
                for (int clients : settings.pgbenchClients()) {
                    say("machine limit, run " + n + " of " + settings.runs() + ": pgbench, order + outbox transaction, "
                            + clients + " clients, " + settings.pgbenchSeconds() + " s");
                    MachineLimit.Pgbench result = MachineLimit.pgbench(root, work, "bench" + run + "_pgbench", clients,
                            settings.pgbenchSeconds());
                    say("  " + result);
                    pgbench.add(result);
                }
            }
        }
        List<OpenLoopLoad.Result> baselines = new ArrayList<>();
        // The stack is down: the baseline runs alone, as the seed's application would.
        try (SynchronousBaseline seed = new SynchronousBaseline(FreePorts.any())) {
            new OpenLoopLoad(seed.ordersUri(), settings.customers()).run("warm-up", settings.baselineRate(),
                    Duration.ofSeconds(2));
            for (int n = 1; n <= settings.runs(); n++) {
                say("synchronous baseline, run " + n + " of " + settings.runs() + ": " + settings.baselineRate()
                        + "/s for " + settings.baselineSeconds() + " s");
                OpenLoopLoad.Result baseline = new OpenLoopLoad(seed.ordersUri(), settings.customers()).run(
                        "baseline", settings.baselineRate(), Duration.ofSeconds(settings.baselineSeconds()));
                say("  " + summary(baseline));
                baselines.add(baseline);
            }
        }
        Results results = new Results(settings, machine, current.phases(), baselines, pgbench, producerPerf,
                current.lag(), current.idleCpuPercent(), current.idleCompilerPercent(), before,
                current.statementsTracked(), started, Instant.now());
        Path report = new SystemReport(results).write(root.resolve(settings.out()));
        say("report written: " + report);
        System.exit(0); // the token issuer's HTTP server (a non-daemon thread) would keep the JVM alive
    }

    private static AotCache aotCache(Path root, Settings settings) {
        return settings.aotCache() ? AotCache.under(root.resolve(".run/aot-cache"), SystemBenchmark::say) : null;
    }

    /**
     * Starts the stack, warms it up, measures it idle, then runs the whole rate ladder {@code --runs} times. Stock is
     * raised first: the seed's 1,000 units of each SKU would run out and turn the load into cancellations.
     */
    private static Measured measure(BenchmarkStack stack, Settings settings, String variant) throws Exception {
        say(variant + ": starting the stack (one broker, six services)...");
        stack.start();
        say("stack ready: " + stack.services().values().stream().map(s -> s.spec().name() + ":" + s.port()).toList());
        raiseStock(stack.service("inventory-worker"));

        ProcessCpu cpu = new ProcessCpu();
        stack.services().forEach((name, process) -> cpu.track(name, process::pid));
        cpu.track("kafka broker", stack::kafkaPid);
        cpu.track("load generator", () -> ProcessHandle.current().pid());
        DatabaseActivity database = new DatabaseActivity(stack.adminDatabaseUrl(), stack.databaseNames());
        if (!database.statementsTracked()) {
            say("pg_stat_statements is not loaded: statements per order are not measured (load it with"
                    + " scripts/ensure-postgres --with-pg-stat-statements)");
        }

        ServiceProcess orders = stack.service("order-service");
        OpenLoopLoad load = new OpenLoopLoad(orders.baseUri().resolve("/orders"), settings.customers());
        PrometheusHistogram commitToAck = new PrometheusHistogram(orders.managementUri(),
                "orderflow_outbox_publish_latency_seconds", "since=\"commit\"");
        List<Phase> phases = new ArrayList<>();
        try (Admin admin = stack.kafka().admin(); ConsumerLagSampler sampler = new ConsumerLagSampler(admin)) {
            say("warm-up: " + settings.warmupRate() + "/s for " + settings.warmupSeconds() + " s");
            load.run("warm-up", settings.warmupRate(), Duration.ofSeconds(settings.warmupSeconds()));
            awaitDrained(sampler, settings.drainTimeoutSeconds());
            say("idle stack: CPU per process over " + settings.idleSeconds() + " s with no orders");
            ProcessCpu.Reading idleStart = cpu.read();
            Thread.sleep(Duration.ofSeconds(settings.idleSeconds()));
            ProcessCpu.Reading idleEnd = cpu.read();
            Map<String, Double> idleCpu = idleEnd.percentSince(idleStart);
            double idleCompilers = idleEnd.compilerPercentSince(idleStart);
            say("  " + idleCpu + "; of it, JIT compilers " + idleCompilers);

            // Whole ladders, not each rate N times in a row: a run's rates meet the stack in the state the
            // lower rates leave it, as in a single run, and each run is one of those.
            for (int n = 1; n <= settings.runs(); n++) {
                for (int rate : settings.rates()) {
                    phases.add(phase(n, stack, load, cpu, database, commitToAck, sampler, admin, rate, settings));
                }
            }
            return new Measured(phases, idleCpu, idleCompilers, sampler.samples(), database.statementsTracked());
        }
    }

    private static Phase phase(int run, BenchmarkStack stack, OpenLoopLoad load, ProcessCpu cpu,
            DatabaseActivity database, PrometheusHistogram commitToAck, ConsumerLagSampler sampler, Admin admin, int rate, Settings settings)
            throws Exception {
        say("run " + run + " of " + settings.runs() + ": orderflow at " + rate + " orders/s for "
                + settings.durationSeconds() + " s");
        Instant from = Instant.now();
        String loadBefore = Machine.loadAverage();
        PrometheusHistogram.Snapshot ackBefore = commitToAck.scrape();
        double startSecond = sampler.now();
        ProcessCpu.Reading cpuBefore = cpu.read();
        Map<Integer, Long> offsetsBefore = PartitionSkew.endOffsets(admin, Topics.ORDER_CREATED);
        DatabaseActivity.Snapshot databaseBefore = database.read();
        KafkaRecords.Snapshot recordsBefore = KafkaRecords.read(admin);
        OpenLoopLoad.Result result = load.run(rate + "/s", rate, Duration.ofSeconds(settings.durationSeconds()));
        ProcessCpu.Reading cpuAfter = cpu.read();
        double loadEnd = sampler.now();
        String loadAfter = Machine.loadAverage();
        say("  " + summary(result));
        long drainStart = System.nanoTime();
        boolean drained = awaitDrained(sampler, settings.drainTimeoutSeconds());
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        // Over the load and its drain: every statement and record the phase's orders caused, before the
        // end-to-end queries below add the benchmark's own.
        DatabaseActivity.Snapshot databaseActivity = database.read().minus(databaseBefore);
        KafkaRecords.Snapshot records = KafkaRecords.read(admin).minus(recordsBefore);
        Instant to = Instant.now();
        PrometheusHistogram.Snapshot ack = commitToAck.scrape().minus(ackBefore);
        PartitionSkew skew = PartitionSkew.between(offsetsBefore,
                PartitionSkew.endOffsets(admin, Topics.ORDER_CREATED));

        Map<String, EndToEndLatency.Result> endToEnd = new LinkedHashMap<>();
        try (Connection ordersDb = stack.database("order-service")) {
            var created = EndToEndLatency.ordersCreated(ordersDb, from, to);
            for (String worker : WORKERS) {
                try (Connection db = stack.database(worker)) {
                    endToEnd.put(worker, EndToEndLatency.of(worker, db, created, from));
                }
            }
        }
        Map<String, Long> maxLag = new LinkedHashMap<>();
        sampler.samples().stream().filter(s -> s.second() >= startSecond)
                .forEach(s -> s.lag().forEach((group, value) -> maxLag.merge(group, value, Math::max)));
        say("  drained " + drained + " after " + Math.round(drainSeconds) + " s; max lag " + maxLag
                + "; commit-to-ack p99 " + ack.percentileMillis(99) + " ms");
        return new Phase(run, result, loadBefore, loadAfter, cpuAfter.percentSince(cpuBefore),
                cpuAfter.compilerPercentSince(cpuBefore), ack, endToEnd,
                drainSeconds, drained, maxLag, startSecond, loadEnd, skew, databaseActivity, records);
    }

    /** Waits until every group has committed everything; false if that takes longer than the timeout. */
    private static boolean awaitDrained(ConsumerLagSampler sampler, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (sampler.lag().values().stream().allMatch(lag -> lag == 0)) {
                    return true;
                }
            } catch (Exception e) {
                // try again
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** The seed's stock (1,000 units of each SKU) would run out and turn the load into cancellations. */
    private static void raiseStock(ServiceProcess inventory) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int sku = 1; sku <= 20; sku++) {
            URI uri = inventory.baseUri().resolve("/stock/SKU-%03d".formatted(sku));
            int status = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", BenchmarkTokens.ops())
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":100000000}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("PUT " + uri + " answered " + status);
            }
        }
    }

    static String summary(OpenLoopLoad.Result r) {
        return "%s: sent %d, 201 %d, errors %d, achieved %.1f/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms"
                .formatted(r.name(), r.sent(), r.ok(), r.errors(), r.achievedRate(),
                        r.latency().getValueAtPercentile(50) / 1000.0, r.latency().getValueAtPercentile(99) / 1000.0,
                        r.latency().getValueAtPercentile(99.9) / 1000.0, r.latency().getMaxValue() / 1000.0);
    }

    private static void say(String line) {
        System.out.println(Instant.now().toString().substring(11, 19) + " system-benchmark | " + line);
    }
}
