package dev.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster in KRaft mode, each node a process of Kafka's own server ({@code kafka.Kafka}) running
 * as broker and controller. Its data lives under {@code dataDir}, so a second start finds its topics, records
 * and committed offsets again. One node for the local stack; three for the replication fault tests.
 *
 * <p>Plaintext and open by default. With a {@link KafkaSecurity} the client listener takes SASL/SCRAM-SHA-512
 * only and KRaft's {@code StandardAuthorizer} denies whatever no ACL allows; see {@link #secured}.
 */
public final class KafkaCluster implements AutoCloseable {

    private final Path dataDir;
    private final int size;
    private final int firstPort;
    private final KafkaSecurity security;
    private final List<ChildProcess> nodes = new ArrayList<>();

    /**
     * @param firstPort node {@code i} (from 1) listens for clients on {@code firstPort + 2(i-1)} and for its
     *                  controller quorum on the port after it
     */
    public KafkaCluster(Path dataDir, int size, int firstPort) {
        this(dataDir, size, firstPort, null);
    }

    /**
     * A cluster whose clients must log in (SASL/SCRAM-SHA-512) and are authorised by ACLs; {@link #admin()} logs
     * in as the super user {@code admin}. The admin's credential is written when the storage is formatted, so
     * {@code dataDir} must be new or have been formatted by a secured cluster with the same password.
     */
    public static KafkaCluster secured(Path dataDir, int size, int firstPort, KafkaSecurity security) {
        return new KafkaCluster(dataDir, size, firstPort, Objects.requireNonNull(security));
    }

    private KafkaCluster(Path dataDir, int size, int firstPort, KafkaSecurity security) {
        if (size < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node");
        }
        this.dataDir = dataDir.toAbsolutePath();
        this.size = size;
        this.firstPort = firstPort;
        this.security = security;
        for (int id = 1; id <= size; id++) {
            String name = "kafka-" + id;
            // The brokers' own log stays in its file: the console is for the services.
            nodes.add(new ChildProcess(name, command(id), Map.of(), this.dataDir.resolve(name + ".log"), null));
        }
    }

    public String bootstrapServers() {
        return IntStream.rangeClosed(1, size).mapToObj(id -> "localhost:" + clientPort(id))
                .collect(Collectors.joining(","));
    }

    public int size() {
        return size;
    }

    public Optional<KafkaSecurity> security() {
        return Optional.ofNullable(security);
    }

    /** Bootstrap servers and login settings for a client of this secured cluster acting as {@code user}. */
    public Map<String, Object> clientProperties(String user, String password) {
        if (security == null) {
            throw new IllegalStateException("This Kafka cluster is not secured; clients need no credentials");
        }
        Map<String, Object> properties = new HashMap<>(KafkaSecurity.clientProperties(user, password));
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** Formats the storage on first use, starts every node and waits until all brokers are registered. */
    public void start(Duration timeout) {
        format();
        nodes.forEach(ChildProcess::start);
        awaitBrokers(size, timeout);
    }

    public void stopNode(int id) {
        nodes.get(id - 1).stop(30);
    }

    public void killNode(int id) {
        nodes.get(id - 1).kill();
    }

    public void startNode(int id) {
        nodes.get(id - 1).start();
    }

    public boolean isRunning(int id) {
        return nodes.get(id - 1).isAlive();
    }

    public long pid(int id) {
        return nodes.get(id - 1).pid();
    }

    /** An admin client; on a secured cluster it logs in as the super user. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        if (security != null) {
            config.putAll(security.adminClientProperties());
        }
        return Admin.create(config);
    }

    /** Waits until this many brokers answer; fails with the first node's log tail if they do not. */
    public void awaitBrokers(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            for (ChildProcess node : nodes) {
                if (node.hasDied()) {
                    throw new IllegalStateException(node.name() + " exited while starting. Last lines of "
                            + node.logFile() + ":\n" + node.tail(30));
                }
            }
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            pause();
        }
        throw new IllegalStateException("Kafka did not come up with " + count + " broker(s) within " + timeout
                + " (" + last + "). Last lines of " + nodes.getFirst().logFile() + ":\n" + nodes.getFirst().tail(30));
    }

    @Override
    public void close() {
        nodes.reversed().forEach(node -> node.stop(30));
    }

    private void format() {
        try {
            Files.createDirectories(dataDir);
            Path idFile = dataDir.resolve("cluster.id");
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(idFile).trim();
            for (int id = 1; id <= size; id++) {
                Path config = writeConfig(id);
                if (Files.exists(logDir(id).resolve("meta.properties"))) {
                    continue;
                }
                List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-cp", classPath(),
                        "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(),
                        "--ignore-formatted"));
                if (security != null) {
                    // SCRAM credentials live in the metadata log: the admin's must be there before the first
                    // start, for the brokers' own logins and for the admin to create everything else.
                    command.addAll(List.of("--add-scram", security.bootstrapCredential()));
                }
                Process format = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dataDir.resolve("kafka-" + id + "-format.log").toFile())
                        .start();
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed; see "
                            + dataDir.resolve("kafka-" + id + "-format.log"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path writeConfig(int id) throws IOException {
        String voters = IntStream.rangeClosed(1, size)
                .mapToObj(node -> node + "@localhost:" + controllerPort(node))
                .collect(Collectors.joining(","));
        int replication = Math.min(3, size);
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + id,
                "controller.quorum.voters=" + voters,
                listenerSettings(id),
                "log.dirs=" + logDir(id),
                // Topics are created on purpose, with the contract's partitions and settings.
                "auto.create.topics.enable=false",
                "num.partitions=12",
                "default.replication.factor=" + replication,
                "min.insync.replicas=" + (size >= 3 ? 2 : 1),
                "offsets.topic.replication.factor=" + replication,
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + (size >= 3 ? 2 : 1),
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
        Path file = dataDir.resolve("kafka-" + id + ".properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        Files.writeString(dataDir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "appender.stdout.type=Console",
                "appender.stdout.name=STDOUT",
                "appender.stdout.layout.type=PatternLayout",
                "appender.stdout.layout.pattern=[%d] %p %m (%c)%n",
                "logger.kafka.name=kafka.server.KafkaRaftServer",
                "logger.kafka.level=INFO",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private String listenerSettings(int id) {
        String client = security == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        List<String> lines = new ArrayList<>(List.of(
                "listeners=" + client + "://localhost:" + clientPort(id) + ",CONTROLLER://localhost:" + controllerPort(id),
                "advertised.listeners=" + client + "://localhost:" + clientPort(id),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + client));
        if (security == null) {
            lines.add("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            return String.join("\n", lines);
        }
        String password = security.adminPassword();
        lines.addAll(List.of(
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                // Clients and the brokers among themselves: SCRAM, the brokers logging in as admin.
                "listener.name.sasl_plaintext.sasl.enabled.mechanisms=" + KafkaSecurity.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaSecurity.MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + KafkaSecurity.ADMIN + "\" password=\"" + password + "\";",
                // The controller listener cannot use SCRAM (its credentials are in the very log the controllers
                // serve), so it takes PLAIN with the admin as its one static user; an unauthenticated listener
                // would instead need User:ANONYMOUS as a super user, open to anyone who reaches the port.
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config="
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + KafkaSecurity.ADMIN + "\" password=\"" + password + "\""
                        + " user_" + KafkaSecurity.ADMIN + "=\"" + password + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                // The brokers and controllers are admin too (both listeners), so they pass their own checks.
                "super.users=User:" + KafkaSecurity.ADMIN));
        return String.join("\n", lines);
    }

    private List<String> command(int id) {
        return List.of(ChildProcess.javaExecutable(), "-Xms256m", "-Xmx768m",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp", classPath(), "kafka.Kafka", dataDir.resolve("kafka-" + id + ".properties").toString());
    }

    private Path logDir(int id) {
        return dataDir.resolve("node-" + id);
    }

    private int clientPort(int id) {
        return firstPort + 2 * (id - 1);
    }

    private int controllerPort(int id) {
        return clientPort(id) + 1;
    }

    /** Kafka's server and tools are on this program's own class path (module dependencies). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
