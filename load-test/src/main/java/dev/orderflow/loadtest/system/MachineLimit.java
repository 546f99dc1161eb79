package dev.orderflow.loadtest.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What this machine can do without orderflow in the way: pgbench running order-service's order + outbox transaction
 * (the same five inserts {@code POST /orders} commits, on tables made by order-service's own Flyway scripts), and
 * Kafka's own producer performance tool with the outbox relay's producer settings.
 */
final class MachineLimit {

    /** pgbench at one concurrency. */
    record Pgbench(int clients, int seconds, double tps, double latencyAverageMs, long failed, String command) {
    }

    /** ProducerPerformance's summary line, parsed. */
    record ProducerPerf(long records, int recordSize, double recordsPerSecond, double mbPerSecond, double avgMs,
            double p50Ms, double p99Ms, double p999Ms, String settings) {
    }

    /** The outbox relay's producer (OutboxAutoConfiguration). */
    static final String PRODUCER_SETTINGS =
            "acks=all enable.idempotence=true linger.ms=5 batch.size=65536 compression.type=lz4";

    /** Schema scripts in the order Flyway applies them to order-service's database. */
    private static final List<String> ORDER_SCHEMA = List.of(
            "order-service/src/main/resources/db/migration/V1__create_orders.sql",
            "order-service/src/main/resources/db/migration/V2__create_idempotency_keys.sql",
            "order-service/src/main/resources/db/migration/V3__create_order_history.sql",
            "outbox/src/main/resources/db/outbox/V1__create_outbox_events.sql");

    /**
     * The transaction of {@code OrderBook.place}: Idempotency-Key, order, its line, its CREATED history entry and its
     * OrderCreated outbox row (payload of the usual size), each its own statement as the service sends them.
     */
    private static final String TRANSACTION = """
            \\set c random(1, 10000)
            \\set sku random(1, 20)
            BEGIN;
            SELECT gen_random_uuid() AS oid, gen_random_uuid() AS eid, gen_random_uuid() AS iid \\gset
            INSERT INTO idempotency_keys (idempotency_key, request_hash, order_id, created_at, expires_at)
              VALUES (:eid, decode(repeat('ab', 32), 'hex'), :oid, now(), now() + interval '24 hours')
              ON CONFLICT DO NOTHING;
            INSERT INTO orders (id, version, customer_id, email, phone, region, currency, total_minor, status, created_at)
              VALUES (:oid, 0, 'bench-' || :c, 'bench@example.com', '+447700900123', 'EU', 'EUR', 1000, 'PENDING', now());
            INSERT INTO order_items (id, order_id, line_number, sku, quantity, unit_price_minor)
              VALUES (:iid, :oid, 1, 'SKU-' || lpad(:sku::text, 3, '0'), 1, 1000);
            INSERT INTO order_history (order_id, entry, source_event_id, occurred_at, recorded_at)
              VALUES (:oid, 'CREATED', :eid, now(), now());
            INSERT INTO outbox_events (id, aggregatetype, aggregateid, type, payload, topic, message_key, headers, created_at)
              VALUES (:eid, 'Order', :oid, 'OrderCreated', '%s', 'order-created', 'bench-' || :c,
                      '{"event-id": "x", "event-type": "OrderCreated", "event-version": "1", "region": "EU"}', now());
            END;
            """.formatted(samplePayload());

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
    private static final Pattern PERF = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), "
            + "([0-9.]+) ms avg latency, [0-9.]+ ms max latency, (\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private MachineLimit() {
    }

    /** pgbench against a fresh database with order-service's tables, dropped afterwards. */
    static Pgbench pgbench(Path root, Path work, String database, int clients, int seconds) throws Exception {
        psql("postgres", "DROP DATABASE IF EXISTS " + database);
        psql("postgres", "CREATE DATABASE " + database);
        try {
            for (String script : ORDER_SCHEMA) {
                run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres",
                        "-d", database, "-f", root.resolve(script).toString()), 60);
            }
            Path file = work.resolve("order-transaction.sql");
            Files.writeString(file, TRANSACTION, StandardCharsets.UTF_8);
            List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients),
                    "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds), "-f",
                    file.toString(), "-h", "127.0.0.1", "-U", "postgres", database);
            String output = run(command, seconds + 120);
            return new Pgbench(clients, seconds, number(TPS, output), number(LATENCY, output),
                    (long) number(FAILED, output), String.join(" ", command).replace(file.toString(),
                            "order-transaction.sql").replace(database, "<fresh database>"));
        } finally {
            psql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The transaction pgbench runs, for the report. */
    static String transaction() {
        return TRANSACTION;
    }

    /** Kafka's ProducerPerformance (from the kafka-tools jar) against the benchmark's broker, acks=all. */
    static ProducerPerf producerPerformance(Admin admin, String bootstrap, Path commandConfig, long records,
            int recordSize) throws Exception {
        String topic = "bench-producer-perf";
        admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get(30, TimeUnit.SECONDS);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--command-config", commandConfig.toString(),
                "--producer-props", "bootstrap.servers=" + bootstrap));
        command.addAll(List.of(PRODUCER_SETTINGS.split(" ")));
        String output = run(command, 600);
        // The tool prints progress lines of the same shape every 5 s; the last one is the summary of the whole run.
        Matcher m = PERF.matcher(output);
        MatchResult summary = null;
        while (m.find()) {
            summary = m.toMatchResult();
        }
        if (summary == null) {
            throw new IllegalStateException("No summary line in ProducerPerformance's output:\n" + output);
        }
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        return new ProducerPerf(Long.parseLong(summary.group(1)), recordSize, Double.parseDouble(summary.group(2)),
                Double.parseDouble(summary.group(3)), Double.parseDouble(summary.group(4)),
                Double.parseDouble(summary.group(5)), Double.parseDouble(summary.group(6)),
                Double.parseDouble(summary.group(7)), PRODUCER_SETTINGS);
    }

    private static void psql(String database, String sql) throws Exception {
        run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", database,
                "-c", sql), 60);
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Timed out: " + String.join(" ", command));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Failed (" + process.exitValue() + "): " + String.join(" ", command)
                    + "\n" + text);
        }
        return text;
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** An OrderCreated payload of the usual size; no colons outside JSON syntax, so pgbench leaves it alone. */
    private static String samplePayload() {
        return """
                {"eventId": "0b6f6b1e-0000-4000-8000-000000000001", "orderId": "5f1c2c2a-0000-4000-8000-000000000002",\
                 "customerId": "bench-1234", "contact": {"email": "bench-1234@example.com", "phone": "+447700900123"},\
                 "region": "EU", "currency": "EUR", "items": [{"sku": "SKU-001", "quantity": 1, "unitPriceMinor": 1000}],\
                 "totalMinor": 1000, "createdAt": "2026-11-25T12.00.00.000000Z"}""";
    }
}
