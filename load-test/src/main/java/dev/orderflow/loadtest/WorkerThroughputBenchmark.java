package dev.orderflow.loadtest;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventSerializer;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.loadtest.system.ProcessCpu;
import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How many orders per second one worker instance drains from {@code order-created} with the seed's provider latency,
 * with key-ordered parallelism ({@code KEY}: one consumer, each batch's records in parallel across keys) and with one
 * thread per partition ({@code PARTITION}: twelve consumers, one per partition, records one by one).
 *
 * <p>Per worker and mode: a fresh 12-partition topic and a fresh database; the worker's executable jar started as its
 * own process (default settings, only the ordering mode and the connection settings given); once it is ready, a
 * warm-up round as large as a measured one and then each measured round publishes its orders as fast as the producer
 * goes (from {@code --customers} customers, 1-3 items each) and ends when every order is in {@code processed_orders}.
 * Throughput = orders / (last - first {@code processed_at} of the round), so start-up and publishing are not counted.
 * Prints one line per round (with CPU per order and the hypervisor's steal) and a Markdown table of medians.
 */
public final class WorkerThroughputBenchmark {

    /** A worker under test: its jar, database, and the settings that give it the seed's provider delay. */
    private record Worker(String name, String database, Path jar, List<String> providerArgs) {
    }

    /**
     * A measured round. CPU is per order in milliseconds, over the whole round (publishing included): the worker's
     * JVM, PostgreSQL's processes (all of them; the benchmark's own queries are a few per second), and the machine.
     * Steadier than the rate on a shared machine: a noisy neighbour slows the round but hardly changes what an order
     * costs. {@code stolenPercent} is the share of the machine's cores the hypervisor gave to other guests during
     * the round: a slow round with much of it was slowed by the host, not by the code.
     */
    private record Run(String worker, String mode, int orders, double seconds, double ordersPerSecond,
            double workerCpuMs, double postgresCpuMs, double machineCpuMs, double stolenPercent) {
    }

    /** CPU seconds of the three between two readings, per order, in milliseconds. */
    private record CpuPerOrder(double worker, double postgres, double machine) {

        static CpuPerOrder between(ProcessCpu.Reading before, ProcessCpu.Reading after, int orders) {
            return new CpuPerOrder(perOrder(before, after, WORKER, orders), perOrder(before, after, POSTGRES, orders),
                    perOrder(before, after, MACHINE, orders));
        }

        private static double perOrder(ProcessCpu.Reading before, ProcessCpu.Reading after, String name, int orders) {
            return 1000 * (after.cpuSeconds().get(name) - before.cpuSeconds().get(name)) / orders;
        }
    }

    private static final String WORKER = "worker";
    private static final String POSTGRES = ProcessCpu.POSTGRES;
    private static final String MACHINE = ProcessCpu.MACHINE;

    private final Path logs = Path.of("load-test/target/benchmark-logs");
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final int customers;
    private final List<String> extraWorkerArgs;

    private WorkerThroughputBenchmark(int customers, List<String> extraWorkerArgs) {
        this.customers = customers;
        this.extraWorkerArgs = extraWorkerArgs;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, "options: --workers=payment,inventory,email,sms,analytics "
                + "--modes=KEY,PARTITION --runs=3 --orders-key=20000 --orders-partition=1200 --customers=10000 "
                + "--worker-args=--orderflow.worker.concurrency=2,--spring.datasource.hikari.maximum-pool-size=20");
        List<String> workers = List.of(options.getOrDefault("workers", "payment,inventory,email,sms,analytics")
                .split(","));
        List<String> modes = List.of(options.getOrDefault("modes", "KEY,PARTITION").split(","));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        int keyOrders = Integer.parseInt(options.getOrDefault("orders-key", "20000"));
        int partitionOrders = Integer.parseInt(options.getOrDefault("orders-partition", "1200"));
        List<String> extra = options.containsKey("worker-args")
                ? List.of(options.get("worker-args").split(",")) : List.of();
        var benchmark = new WorkerThroughputBenchmark(Integer.parseInt(options.getOrDefault("customers", "10000")),
                extra);

        System.out.printf("machine: %d cores (%s), JVM %s, broker %s, load average %s, worker args %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), Runtime.version(),
                TestKafka.bootstrapServers(), loadAverage(), extra);
        List<Run> results = new ArrayList<>();
        // The seed's provider delays: payment and inventory simulate theirs, analytics has a setting for it; email
        // and sms talk to a real SMTP server and HTTP API, here local ones that take that long to answer.
        try (var smtp = new SlowSmtpServer(Duration.ofMillis(300));
                var sms = new SlowSmsProvider(Duration.ofMillis(250))) {
            for (String name : workers) {
                List<String> providerArgs = switch (name) {
                    case "payment" -> List.of("--orderflow.payment.gateway.latency=200ms");
                    case "inventory" -> List.of("--orderflow.inventory.latency=100ms");
                    case "email" -> List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port());
                    case "sms" -> List.of("--orderflow.sms.base-url=" + sms.baseUrl());
                    case "analytics" -> List.of("--orderflow.analytics.simulated-latency=100ms");
                    default -> throw new IllegalArgumentException("Unknown worker " + name);
                };
                Worker worker = new Worker(name + "-worker", name.equals("payment") ? "payments" : name,
                        jarOf(name + "-worker"), providerArgs);
                for (String mode : modes) {
                    int orders = mode.equals("KEY") ? keyOrders : partitionOrders;
                    try {
                        results.addAll(benchmark.measure(worker, mode, orders, runs));
                    } catch (Exception e) {
                        // One worker failing (say, it does not start) should not cost the others' figures.
                        System.out.printf("%s %s failed: %s (see its log in %s)%n", worker.name(), mode, e,
                                benchmark.logs);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| worker | ordering | orders per run | runs (orders/s) | median orders/s "
                + "| median CPU ms per order: worker / PostgreSQL / machine | median stolen by the hypervisor |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : workers) {
            for (String mode : modes) {
                List<Run> these = results.stream()
                        .filter(r -> r.worker().equals(name + "-worker") && r.mode().equals(mode)).toList();
                if (these.isEmpty()) {
                    System.out.printf("| %s-worker | %s | | failed | | | |%n", name, mode);
                    continue;
                }
                System.out.printf("| %s-worker | %s | %d | %s | %.0f | %.2f / %.2f / %.2f | %.0f%% |%n", name, mode,
                        these.getFirst().orders(),
                        String.join(", ", these.stream().map(r -> String.format("%.0f", r.ordersPerSecond())).toList()),
                        median(these, Run::ordersPerSecond), median(these, Run::workerCpuMs),
                        median(these, Run::postgresCpuMs), median(these, Run::machineCpuMs),
                        median(these, Run::stolenPercent));
            }
        }
        System.exit(0);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * One worker process per worker and mode: a warm-up round (so the JIT and the connection pool are warm, as in a
     * running service), then {@code runs} measured rounds of {@code orders} orders each.
     */
    private List<Run> measure(Worker worker, String mode, int orders, int runs) throws Exception {
        recreateTopic();
        TestDatabase database = TestPostgres.freshDatabase("bench_" + worker.database());
        int port = freePort();
        String group = "bench-" + worker.name() + "-" + mode.toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(java, "-jar", worker.jar().toString(),
                "--server.port=" + port,
                // Its own actuator port, so it never clashes with a local stack's 908x.
                "--management.server.port=" + WorkerThroughputBenchmark.freePort(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--orderflow.worker.group=" + group,
                "--orderflow.worker.ordering=" + mode));
        command.addAll(worker.providerArgs());
        if (mode.equals("PARTITION")) {
            // The classic baseline: one consumer thread per partition, each handling its records one by one.
            command.add("--orderflow.worker.concurrency=" + Topics.DEFAULT_PARTITIONS);
        }
        command.addAll(extraWorkerArgs);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(group + ".log").toFile())
                .start();
        try {
            awaitReady(port, process);
            if (worker.name().equals("inventory-worker")) {
                execute(database, "UPDATE stock SET available = 1000000000");
            }
            // As large as a measured round: with a tenth of it, the first measured round still ran partly
            // interpreted (worker CPU per order 2 ms against 0.7 ms in the third, 2026-12-03), and a running service
            // is past that.
            round(database, orders);
            var cpu = new ProcessCpu();
            cpu.track(WORKER, process::pid);
            cpu.trackMachine();
            List<Run> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                ProcessCpu.Reading before = cpu.read();
                double seconds = round(database, orders);
                ProcessCpu.Reading after = cpu.read();
                CpuPerOrder perOrder = CpuPerOrder.between(before, after, orders);
                double stolen = after.percentSince(before).get(ProcessCpu.STOLEN)
                        / Runtime.getRuntime().availableProcessors();
                Run result = new Run(worker.name(), mode, orders, seconds, (orders - 1) / seconds, perOrder.worker(),
                        perOrder.postgres(), perOrder.machine(), stolen);
                results.add(result);
                System.out.printf("%s %s run %d: %d orders in %.2f s = %.0f orders/s; CPU per order: worker %.2f ms,"
                                + " PostgreSQL %.2f ms, machine %.2f ms; stolen by the hypervisor %.0f%%"
                                + " (load average %s)%n",
                        result.worker(), mode, run, orders, result.seconds(), result.ordersPerSecond(),
                        result.workerCpuMs(), result.postgresCpuMs(), result.machineCpuMs(), result.stolenPercent(),
                        loadAverage());
            }
            return results;
        } finally {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Publishes a round of orders and waits for all of them; returns first to last processed_at of the round. */
    private double round(TestDatabase database, int orders) throws Exception {
        long before = (long) queryDouble(database, "SELECT count(*) FROM processed_orders");
        String start = queryString(database, "SELECT now()::text");
        publish(orders);
        awaitProcessed(database, before + orders, Duration.ofSeconds(60 + orders / 20));
        return queryDouble(database, "SELECT extract(epoch FROM max(processed_at) - min(processed_at)) "
                + "FROM processed_orders WHERE processed_at >= '" + start + "'::timestamptz");
    }

    private void publish(int orders) throws InterruptedException, ExecutionException {
        SplittableRandom random = new SplittableRandom(orders);
        try (var producer = producer()) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>(orders);
            for (int i = 0; i < orders; i++) {
                OrderCreated order = order(random);
                sends.add(producer.send(new ProducerRecord<>(Topics.ORDER_CREATED, order.key(), order)));
            }
            for (var send : sends) {
                send.get();
            }
        }
    }

    /** A producer that sends events as orderflow does (JSON, the contract's headers), batched for speed. */
    static KafkaProducer<String, DomainEvent> producer() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65536, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new EventSerializer());
    }

    private OrderCreated order(SplittableRandom random) {
        List<OrderCreated.Item> items = new ArrayList<>();
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            items.add(new OrderCreated.Item("SKU-%03d".formatted(1 + random.nextInt(20)), 1 + random.nextInt(3),
                    100 + random.nextInt(5000)));
        }
        long total = items.stream().mapToLong(i -> i.quantity() * i.unitPriceMinor()).sum();
        return new OrderCreated(UUID.randomUUID(), UUID.randomUUID(), "customer-" + random.nextInt(customers),
                new OrderCreated.Contact("ada@example.com", "+447700900123"), "EU", "EUR", items, total,
                Instant.now());
    }

    /**
     * A fresh {@code order-created}, and no other topic of an earlier measurement: the saga topics the previous
     * worker wrote to ({@code payment-events}, ...) would otherwise be consumed by the next (analytics-worker reads
     * them) and counted as its work.
     */
    static void recreateTopic() throws Exception {
        try (Admin admin = TestKafka.admin()) {
            List<String> earlier = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(topic -> !topic.startsWith("__"))
                    .toList();
            try {
                admin.deleteTopics(earlier).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(Topics.ORDER_CREATED, Topics.DEFAULT_PARTITIONS,
                            (short) 1))).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    // The deletion is still being carried out.
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    static void awaitReady(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/readyz")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Worker exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new TimeoutException("Worker not ready on port " + port);
    }

    private static void awaitProcessed(TestDatabase database, long orders, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (queryDouble(database, "SELECT count(*) FROM processed_orders") < orders) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("Not all " + orders + " orders processed within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    static double queryDouble(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    static String queryString(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Path jarOf(String module) throws IOException {
        try (var files = Files.list(Path.of(module, "target"))) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*[0-9T]\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No jar in " + module + "/target: build it first"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /**
     * {@code --name=value} options (a bare {@code --name} is "true"); {@code --help} prints {@code help} and exits. An
     * option that {@code help} does not name ({@code --name=}) is refused with the help, so a misspelt one is not
     * silently left at its default.
     */
    static Map<String, String> options(String[] args, String help) {
        Set<String> known = Pattern.compile("--([a-z][a-z-]*)=").matcher(help).results()
                .map(match -> match.group(1)).collect(Collectors.toSet());
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help")) {
                System.out.println(help);
                System.exit(0);
            }
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (!known.contains(pair[0])) {
                System.err.println("Unknown option " + arg + "; " + help);
                System.exit(2);
            }
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        return options;
    }
}
