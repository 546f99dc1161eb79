package dev.orderflow.deploy;

import static org.awaitility.Awaitility.await;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.KafkaSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The local broker of docker-compose.yml and the local Kubernetes overlay, started here as they start it: their
 * start-kafka.sh with their BROKER_* settings, on Kafka's server jars instead of the image. Only the addresses
 * change: every listener keeps its name and gets a free port on loopback, and the data goes to a folder of the test.
 */
final class ScriptedKafkaBroker implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Map<String, String> listeners;
    private final String adminPassword;

    private ScriptedKafkaBroker(Process process, Path log, Map<String, String> listeners, String adminPassword) {
        this.process = process;
        this.log = log;
        this.listeners = listeners;
        this.adminPassword = adminPassword;
    }

    /** Runs {@code script} with the deployment's {@code settings} in {@code dir}; returns once the admin gets in. */
    static ScriptedKafkaBroker start(Path dir, String script, Map<String, String> settings) throws IOException {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : settings.get("BROKER_LISTENERS").split(",")) {
            listeners.put(listener.substring(0, listener.indexOf("://")), "localhost:" + FreePorts.any());
        }
        String addresses = String.join(",", listeners.entrySet().stream()
                .map(entry -> entry.getKey() + "://" + entry.getValue()).toList());
        Path home = dir.resolve("kafka-home");
        KafkaTools.tool(home.resolve("bin"), "kafka-storage.sh", "kafka.tools.StorageTool");
        KafkaTools.wrapper(home.resolve("bin"), "kafka-server-start.sh", "kafka.Kafka", "-Xmx512m");
        Files.createDirectories(dir.resolve("tmp"));

        Map<String, String> environment = new HashMap<>(settings);
        environment.putAll(Map.of("BROKER_LISTENERS", addresses, "BROKER_ADVERTISED_LISTENERS", addresses,
                "BROKER_CONTROLLER_PORT", Integer.toString(FreePorts.any()),
                "BROKER_LOG_DIRS", dir.resolve("data/kraft").toString(),
                "KAFKA_HOME", home.toString(), "TMPDIR", dir.resolve("tmp").toString()));
        Path scriptFile = Files.writeString(dir.resolve("start-kafka.sh"), script);
        Path log = dir.resolve("broker.log");
        ProcessBuilder builder = new ProcessBuilder("sh", scriptFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        ScriptedKafkaBroker broker = new ScriptedKafkaBroker(builder.start(), log, listeners,
                settings.get("BROKER_ADMIN_PASSWORD"));
        try (Admin admin = Admin.create(broker.login(broker.bootstrapServers(), KafkaSecurity.ADMIN,
                broker.adminPassword))) {
            await("the broker lets its admin in (see " + log + ")").atMost(Duration.ofSeconds(90))
                    .ignoreExceptions().until(() -> {
                        if (!broker.process.isAlive()) {
                            throw new AssertionError("start-kafka.sh ended:\n" + Files.readString(log));
                        }
                        return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
                    });
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** The address of the first listener: the one the broker itself and the services use. */
    String bootstrapServers() {
        return listeners.values().iterator().next();
    }

    /** Each listener's name and its address here. */
    Map<String, String> listeners() {
        return listeners;
    }

    /** Client settings for {@code user} on {@code address}, with short timeouts (a refusal shows in seconds). */
    Map<String, Object> login(String address, String user, String password) {
        Map<String, Object> config = new HashMap<>(KafkaSecurity.clientProperties(user, password));
        config.putAll(anonymous(address));
        return config;
    }

    /** Client settings with no credentials at all. */
    static Map<String, Object> anonymous(String address) {
        return new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    Admin admin() {
        return Admin.create(login(bootstrapServers(), KafkaSecurity.ADMIN, adminPassword));
    }

    List<String> logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 40), lines.size());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
