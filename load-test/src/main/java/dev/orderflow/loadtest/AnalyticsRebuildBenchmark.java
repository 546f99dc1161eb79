package dev.orderflow.loadtest;

import static dev.orderflow.loadtest.WorkerThroughputBenchmark.execute;
import static dev.orderflow.loadtest.WorkerThroughputBenchmark.queryDouble;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.loadtest.system.ProcessCpu;
import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * How fast one analytics-worker instance rebuilds its read model from a backlog on Kafka (issue 9: "analytics rebuilt
 * from a backlog of 1,000,000 events: events/s", target 50,000).
 *
 * <p>A fresh broker (test-support's, in this JVM) and a fresh database. analytics-worker's executable jar (a private
 * copy, so that a build in the same checkout cannot replace it under the running worker) is started once on the
 * empty topics, so that it creates its tables and topics ({@code order-created}, {@code order-lifecycle},
 * {@code payment-events}) as in production, and stopped. Then {@code --events} OrderCreated events are published as
 * fast as the producer goes: customers out of {@code --customers}, regions US/EU/APAC, 1-3 lines of SKU-001..020,
 * EUR/USD/GBP, created over the last {@code --days} days (the topics' retention) in offset order.
 *
 * <p>Each of {@code --runs} rebuilds follows docs/workers.md's "Rebuilding it from Kafka" over the same backlog: with
 * the worker stopped, truncate its tables (ledgers included), reset the group's offsets on its three topics to the
 * earliest with Kafka's Admin API, then start the worker as its own process, its provider latency 0 (a replay calls
 * no provider) and otherwise its defaults. A rebuild is done when the group's lag is 0; then every order must be in
 * {@code processed_orders} and the figures must add up to what was published. Rate = events / (last - first
 * {@code processed_at}), so start-up is reported apart. Also per run: CPU of the worker, of PostgreSQL (all its
 * processes) and of the machine from {@code /proc}, the load average, the benchmark database's transactions and rows
 * from {@code pg_stat_database}, and what the worker's connections were doing ({@code pg_stat_activity}, sampled).
 * Prints one line per run and a Markdown table with the median.
 */
public final class AnalyticsRebuildBenchmark {

    private static final String GROUP = "analytics-worker";
    private static final List<String> TOPICS =
            List.of(Topics.ORDER_CREATED, Topics.ORDER_LIFECYCLE, Topics.PAYMENT_EVENTS);
    /** Its tables as docs/workers.md truncates them for a rebuild: the figures and both ledgers. */
    private static final String TRUNCATE = "TRUNCATE daily_sales, region_sales, sku_sales, daily_outcomes, "
            + "daily_payments, processed_orders, processed_events";
    private static final double TARGET = 50_000;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final List<String> REGIONS = List.of("US", "EU", "APAC");

    /** What one rebuild measured. Times are wall-clock; {@code processed_at} is PostgreSQL's on the same host. */
    record Run(int number, long events, double startupSeconds, double processingSeconds, double totalSeconds,
            double eventsPerSecond, List<Double> quarterRates, Map<String, Double> cpuPercent,
            String loadBefore, String loadAfter, Map<String, Long> pgStats, Map<String, Double> connectionStates,
            boolean figuresMatch) {
    }

    /** Orders and gross revenue per currency, as published: what the rebuilt figures must add up to. */
    private final Map<String, long[]> published = new TreeMap<>();
    private final Path logs = Path.of("load-test/target/benchmark-logs");
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final Path jar;
    private final TestDatabase database;
    private final List<String> workerArgs;
    private final List<String> jvmArgs;
    private final Duration timeout;
    /** The HTTP port of the worker process last started (for its readiness probe). */
    private int port;
    /** The worker process last started, stopped with this JVM should it end (a signal, say) while that one runs. */
    private volatile Process running;

    private AnalyticsRebuildBenchmark(Path jar, TestDatabase database, List<String> workerArgs, List<String> jvmArgs,
            Duration timeout) {
        this.jar = jar;
        this.database = database;
        this.workerArgs = workerArgs;
        this.jvmArgs = jvmArgs;
        this.timeout = timeout;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process last = running;
            if (last != null) {
                last.destroy();
            }
        }, "stop-analytics-worker"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = WorkerThroughputBenchmark.options(args, "options: --events=1000000 --runs=3 "
                + "--customers=10000 --days=7 --timeout-minutes=30 "
                + "--worker-args=--orderflow.worker.max-poll-records=2000,... (extra worker settings) "
                + "--jvm-args='-Xmx1g -XX:StartFlightRecording=filename=w.jfr,settings=profile' (the worker's "
                + "extra JVM options, separated by spaces)");
        int events = Integer.parseInt(options.getOrDefault("events", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int customers = Integer.parseInt(options.getOrDefault("customers", "10000"));
        int days = Integer.parseInt(options.getOrDefault("days", "7"));
        List<String> workerArgs = options.containsKey("worker-args")
                ? List.of(options.get("worker-args").split(",")) : List.of();
        // Spaces, not commas: JVM options such as -XX:StartFlightRecording hold commas themselves.
        List<String> jvmArgs = options.containsKey("jvm-args")
                ? List.of(options.get("jvm-args").trim().split("\\s+")) : List.of();

        printMachine(workerArgs, jvmArgs);
        try {
            WorkerThroughputBenchmark.recreateTopic();
            var benchmark = new AnalyticsRebuildBenchmark(privateCopy(WorkerThroughputBenchmark.jarOf(
                    "analytics-worker")), TestPostgres.freshDatabase("bench_analytics_rebuild"), workerArgs, jvmArgs,
                    Duration.ofMinutes(Long.parseLong(options.getOrDefault("timeout-minutes", "30"))));
            benchmark.prepare();
            benchmark.publish(events, customers, days);
            List<Run> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Run result = benchmark.rebuild(run, events);
                results.add(result);
                printRun(result);
            }
            printSummary(results);
        } catch (Exception e) {
            // Exit rather than return: the broker's threads would keep this JVM (and the caller's lock) alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * A copy of the worker's jar that this benchmark alone uses: a build in the same checkout during the runs
     * rewrites {@code target/*.jar} under the running worker, which then fails to load its next class.
     */
    private static Path privateCopy(Path jar) throws IOException {
        Path directory = Files.createTempDirectory("analytics-rebuild-");
        Path copy = directory.resolve(jar.getFileName());
        Files.copy(jar, copy);
        // Deleted in the reverse order: the jar, then its directory.
        directory.toFile().deleteOnExit();
        copy.toFile().deleteOnExit();
        return copy;
    }

    /**
     * Starts the worker once on the empty topics and stops it: its tables, its topics and its group exist from then
     * on, so the first measured rebuild is done exactly like the others.
     */
    private void prepare() throws Exception {
        Instant started = Instant.now();
        Process worker = startWorker("prepare");
        try {
            WorkerThroughputBenchmark.awaitReady(port, worker);
        } finally {
            stop(worker);
        }
        System.out.printf("prepared (worker started on empty topics, tables and topics created, stopped) in %.1f s%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    /** Publishes the backlog as fast as the producer goes; remembers the totals the figures must come to. */
    private void publish(int events, int customers, int days) throws Exception {
        SplittableRandom random = new SplittableRandom(events);
        Instant first = Instant.now().minus(Duration.ofDays(days));
        // The backlog covers the retention, oldest first, as a topic that has been written for `days` days does.
        long step = Duration.ofDays(days).toNanos() / events;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, DomainEvent> producer = WorkerThroughputBenchmark.producer()) {
            for (int i = 0; i < events && failure.get() == null; i++) {
                OrderCreated order = order(random, customers, first.plusNanos(i * step));
                long[] totals = published.computeIfAbsent(order.currency(), c -> new long[2]);
                totals[0]++;
                totals[1] += order.totalMinor();
                // A callback rather than a list of a million futures: the first failure stops the publishing.
                producer.send(new ProducerRecord<>(Topics.ORDER_CREATED, order.key(), order), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Publishing the backlog failed", failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("published %,d OrderCreated in %.1f s = %,.0f events/s (acks=all, lz4, linger 5 ms); "
                + "per currency (orders, gross minor): %s%n", events, seconds, events / seconds, describe(published));
    }

    private static OrderCreated order(SplittableRandom random, int customers, Instant createdAt) {
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        String currency = switch (region) {
            case "EU" -> random.nextInt(4) == 0 ? "GBP" : "EUR";
            case "APAC" -> random.nextBoolean() ? "USD" : "EUR";
            default -> "USD";
        };
        List<OrderCreated.Item> items = new ArrayList<>();
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            items.add(new OrderCreated.Item("SKU-%03d".formatted(1 + random.nextInt(20)), 1 + random.nextInt(3),
                    100 + random.nextInt(5000)));
        }
        long total = items.stream().mapToLong(item -> item.quantity() * item.unitPriceMinor()).sum();
        int customer = random.nextInt(customers);
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), "customer-" + customer,
                new OrderCreated.Contact("customer-" + customer + "@example.com", "+447700900123"), region, currency,
                items, total, createdAt);
    }

    /** One rebuild the documented way, measured. */
    private Run rebuild(int number, long events) throws Exception {
        // 1. The worker is stopped (the previous run or prepare() stopped it). 2. Clear its tables, ledgers included.
        execute(database, TRUNCATE);
        try (Admin admin = TestKafka.admin(); Connection monitor = monitor()) {
            // 3. Send the group back to the start of its topics.
            resetToEarliest(admin);
            Map<TopicPartition, Long> ends = endOffsets(admin);
            long backlog = lag(admin, ends);
            if (backlog != events) {
                throw new IllegalStateException("Lag after the reset is " + backlog + ", expected " + events);
            }
            Map<String, Long> statsBefore = pgStats(monitor);
            String loadBefore = loadAverages();
            // The worker's pid is set once it runs; this JVM runs the broker; ProcessCpu adds PostgreSQL itself.
            AtomicLong workerPid = new AtomicLong(-1);
            ProcessCpu cpu = new ProcessCpu();
            cpu.track("analytics-worker", workerPid::get);
            cpu.track("benchmark JVM (broker)", () -> ProcessHandle.current().pid());
            cpu.trackMachine();
            Map<String, Integer> states = new TreeMap<>();
            int samples = 0;
            // 4. Start it: it counts every retained event again; the lag shows the progress.
            Instant launched = Instant.now();
            // No worker process yet: its CPU so far reads as 0.
            ProcessCpu.Reading atLaunch = cpu.read();
            Process worker = startWorker("run-" + number);
            workerPid.set(worker.pid());
            try {
                ProcessCpu.Reading processingStart = null;
                Instant deadline = launched.plus(timeout);
                long lag = backlog;
                while (lag > 0) {
                    if (!worker.isAlive()) {
                        throw new IllegalStateException("Worker exited with " + worker.exitValue() + "; see its log in "
                                + logs);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new TimeoutException("Rebuild " + number + " not done within " + timeout + "; lag "
                                + lag);
                    }
                    Thread.sleep(POLL);
                    lag = lag(admin, ends);
                    if (lag < backlog) {
                        if (processingStart == null) {
                            processingStart = cpu.read();
                        }
                        samples++;
                        sampleConnections(monitor, states);
                    }
                }
                ProcessCpu.Reading processingEnd = cpu.read();
                Instant done = Instant.now();
                String loadAfter = loadAverages();
                // PostgreSQL's backends publish their statistics once they are idle, at most a second later.
                Thread.sleep(Duration.ofMillis(1500));
                Map<String, Long> statsAfter = pgStats(monitor);
                // A backlog done within one poll has no reading at its first progress: from the launch then.
                ProcessCpu.Reading from = processingStart != null ? processingStart : atLaunch;
                return measured(number, events, launched, done, processingEnd.percentSince(from),
                        loadBefore, loadAfter, difference(statsBefore, statsAfter), share(states, samples));
            } finally {
                stop(worker);
            }
        }
    }

    /** Reads the run's figures from the rebuilt tables, once the lag is 0. */
    private Run measured(int number, long events, Instant launched, Instant done, Map<String, Double> cpuPercent,
            String loadBefore, String loadAfter, Map<String, Long> pgStats, Map<String, Double> connectionStates)
            throws SQLException {
        long processed = (long) queryDouble(database, "SELECT count(*) FROM processed_orders");
        if (processed != events) {
            throw new IllegalStateException("Lag 0 but " + processed + " of " + events + " orders in processed_orders");
        }
        double firstEpoch = queryDouble(database, "SELECT extract(epoch FROM min(processed_at)) FROM processed_orders");
        double lastEpoch = queryDouble(database, "SELECT extract(epoch FROM max(processed_at)) FROM processed_orders");
        double processing = lastEpoch - firstEpoch;
        double launchEpoch = launched.toEpochMilli() / 1000.0;
        // The rate of each quarter of the backlog, in processing order: whether the rebuild slows as the tables grow.
        List<Double> quarters = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT (percentile_disc(ARRAY[0, 0.25, 0.5, 0.75, 1])
                                WITHIN GROUP (ORDER BY extract(epoch FROM processed_at)::float8))::float8[]
                        FROM processed_orders""")) {
            rows.next();
            Double[] at = (Double[]) rows.getArray(1).getArray();
            for (int i = 1; i < at.length; i++) {
                quarters.add(events / 4.0 / (at[i] - at[i - 1]));
            }
        } catch (SQLException | ClassCastException e) {
            // A figure for the report's reading only; the run stands without it.
            System.out.println("quarter rates not read: " + e);
        }
        return new Run(number, events, firstEpoch - launchEpoch, processing,
                Duration.between(launched, done).toMillis() / 1000.0, events / processing, quarters, cpuPercent,
                loadBefore, loadAfter, pgStats, connectionStates, figuresMatch());
    }

    /** Whether the rebuilt sales figures add up to what was published, per currency (orders and gross revenue). */
    private boolean figuresMatch() throws SQLException {
        Map<String, long[]> rebuilt = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT currency, sum(orders), sum(gross_revenue_minor) "
                        + "FROM daily_sales GROUP BY currency")) {
            while (rows.next()) {
                rebuilt.put(rows.getString(1).trim(), new long[] {rows.getLong(2), rows.getLong(3)});
            }
        }
        boolean match = describe(rebuilt).equals(describe(published));
        if (!match) {
            System.out.printf("figures DO NOT match: rebuilt %s, published %s%n", describe(rebuilt),
                    describe(published));
        }
        return match;
    }

    /** analytics-worker's jar as its own process: provider latency 0, otherwise its defaults and the extra args. */
    private Process startWorker(String name) throws IOException {
        port = WorkerThroughputBenchmark.freePort();
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                // Its own actuator port, so it never clashes with a local stack's 908x.
                "--management.server.port=" + WorkerThroughputBenchmark.freePort(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--orderflow.worker.group=" + GROUP,
                // A replay has no provider to wait for: the setting only stands in for one in throughput benchmarks.
                "--orderflow.analytics.simulated-latency=0ms",
                // As docs/workers.md's rebuild recipe: no INFO line per replayed order.
                "--logging.level.dev.orderflow.analyticsworker.sales=WARN"));
        command.addAll(workerArgs);
        running = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("analytics-rebuild-" + name + ".log").toFile())
                .start();
        return running;
    }

    /** Stops the worker as an operator would (SIGTERM, graceful shutdown), forcibly only if it hangs. */
    private static void stop(Process worker) throws InterruptedException {
        worker.destroy();
        if (!worker.waitFor(40, TimeUnit.SECONDS)) {
            worker.destroyForcibly();
            worker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * What {@code kafka-consumer-groups --reset-offsets --to-earliest --execute} does, with the Admin API. The group
     * must have no members; right after the worker stopped its consumers may still be leaving, hence the retries.
     */
    private static void resetToEarliest(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicPartition partition : partitions(admin)) {
            earliest.put(partition, OffsetSpec.earliest());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(GROUP, offsets).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static List<TopicPartition> partitions(Admin admin) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition partition : partitions(admin)) {
            latest.put(partition, OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** The group's lag over its three topics: records not yet committed, as {@code kafka-consumer-groups} shows. */
    private static long lag(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /**
     * A connection for watching PostgreSQL's statistics views, to the server's {@code postgres} database: they are
     * server-wide, and the samples' own transactions must not count among the benchmark database's.
     */
    private Connection monitor() throws SQLException {
        String url = database.jdbcUrl().replace("/" + database.name(), "/postgres");
        return DriverManager.getConnection(url, database.username(), database.password());
    }

    /** The benchmark database's counters in {@code pg_stat_database}: what PostgreSQL did for the worker. */
    private Map<String, Long> pgStats(Connection monitor) throws SQLException {
        Map<String, Long> stats = new LinkedHashMap<>();
        try (Statement statement = monitor.createStatement();
                ResultSet rows = statement.executeQuery("SELECT xact_commit, xact_rollback, tup_inserted, "
                        + "tup_updated, tup_fetched, blks_read, blks_hit FROM pg_stat_database WHERE datname = '"
                        + database.name() + "'")) {
            rows.next();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                stats.put(rows.getMetaData().getColumnName(i), rows.getLong(i));
            }
        }
        return stats;
    }

    /**
     * What the worker's connections to PostgreSQL are doing at this instant, added to {@code states}: "active" (the
     * server works on a statement, or waits for a lock or I/O: the wait event is named), "idle in transaction" (the
     * server waits for the worker's next statement). Idle connections are left out.
     */
    private void sampleConnections(Connection monitor, Map<String, Integer> states) throws SQLException {
        try (Statement statement = monitor.createStatement();
                ResultSet rows = statement.executeQuery("SELECT state, wait_event_type, wait_event FROM "
                        + "pg_stat_activity WHERE datname = '" + database.name() + "' AND pid <> pg_backend_pid() "
                        + "AND state <> 'idle'")) {
            while (rows.next()) {
                String state = rows.getString(1);
                if (state.equals("active") && rows.getString(2) != null) {
                    state += " (waiting: " + rows.getString(2) + "/" + rows.getString(3) + ")";
                } else if (state.equals("active")) {
                    state += " (running)";
                }
                states.merge(state, 1, Integer::sum);
            }
        }
    }

    private static Map<String, Double> share(Map<String, Integer> states, int samples) {
        Map<String, Double> average = new TreeMap<>();
        states.forEach((state, count) -> average.put(state, samples == 0 ? 0 : (double) count / samples));
        return average;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0L)));
        return delta;
    }

    private static String describe(Map<String, long[]> perCurrency) {
        return String.join(", ", perCurrency.entrySet().stream()
                .map(e -> "%s %d/%d".formatted(e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute figures. */
    private static String loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void printMachine(List<String> workerArgs, List<String> jvmArgs) {
        String memory = "unknown";
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memory = lines.filter(line -> line.startsWith("MemTotal:")).findFirst()
                    .map(line -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse(memory);
        } catch (IOException | RuntimeException e) {
            // left unknown
        }
        System.out.printf("machine: %d cores (%s), %s, JVM %s, Kafka %s (broker in this JVM at %s), load average %s%n",
                Runtime.getRuntime().availableProcessors(), WorkerThroughputBenchmark.cpuModel(), memory,
                Runtime.version(), AppInfoParser.getVersion(), TestKafka.bootstrapServers(), loadAverages());
        System.out.printf("worker: analytics-worker defaults, orderflow.analytics.simulated-latency=0ms, "
                + "extra worker args %s, extra JVM args %s%n", workerArgs, jvmArgs);
    }

    private static void printRun(Run run) {
        System.out.printf(Locale.ROOT, "run %d: %,d events in %.1f s = %,.0f events/s; start-up (launch to first "
                        + "processed) %.1f s; launch to lag 0 %.1f s; quarters (events/s) %s; figures %s%n",
                run.number(), run.events(), run.processingSeconds(), run.eventsPerSecond(), run.startupSeconds(),
                run.totalSeconds(), run.quarterRates().stream().map(r -> "%,.0f".formatted(r)).toList(),
                run.figuresMatch() ? "match the published events" : "DO NOT MATCH");
        System.out.printf(Locale.ROOT, "  CPU while processing (%% of one core): %s%n", String.join(", ",
                run.cpuPercent().entrySet().stream().map(e -> "%s %.0f%%".formatted(e.getKey(), e.getValue()))
                        .toList()));
        System.out.printf("  load average before %s, after %s%n", run.loadBefore(), run.loadAfter());
        System.out.printf(Locale.ROOT, "  pg_stat_database: %s; per event: %s%n", run.pgStats(), String.join(", ",
                run.pgStats().entrySet().stream()
                        .map(e -> "%s %.3f".formatted(e.getKey(), e.getValue() / (double) run.events())).toList()));
        System.out.printf(Locale.ROOT, "  worker's connections (average number in each state): %s%n",
                String.join(", ", run.connectionStates().entrySet().stream()
                        .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue())).toList()));
    }

    private static void printSummary(List<Run> runs) {
        double[] rates = runs.stream().mapToDouble(Run::eventsPerSecond).sorted().toArray();
        double median = rates.length % 2 == 1 ? rates[rates.length / 2]
                : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
        System.out.println();
        System.out.println("| run | events | start-up (s) | processing (s) | launch to lag 0 (s) | events/s | "
                + "worker CPU | PostgreSQL CPU | machine CPU | load average before / after |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Run run : runs) {
            System.out.printf(Locale.ROOT,
                    "| %d | %,d | %.1f | %.1f | %.1f | %,.0f | %.0f%% | %.0f%% | %.0f%% | %s / %s |%n",
                    run.number(), run.events(), run.startupSeconds(), run.processingSeconds(), run.totalSeconds(),
                    run.eventsPerSecond(), run.cpuPercent().get("analytics-worker"),
                    run.cpuPercent().get(ProcessCpu.POSTGRES), run.cpuPercent().get(ProcessCpu.MACHINE),
                    run.loadBefore(), run.loadAfter());
        }
        System.out.printf(Locale.ROOT, "%nmedian: %,.0f events/s over %d run(s), %.1f%% of the %,.0f events/s target%n",
                median, runs.size(), 100 * median / TARGET, TARGET);
    }
}
