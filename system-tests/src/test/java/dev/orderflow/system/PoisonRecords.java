package dev.orderflow.system;

import dev.orderflow.events.Topics;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Writes records no consumer can read onto a topic with Kafka's own console producer, as an operator's mistake would. */
final class PoisonRecords {

    static final List<String> KEYS = List.of("poison-bad-json", "poison-unknown-version", "poison-oversize");

    private PoisonRecords() {
    }

    /** @param commandConfig the login of a principal that may write order-created (the broker's admin here) */
    static void write(String bootstrapServers, Path commandConfig, Path log) throws IOException, InterruptedException {
        Process producer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", bootstrapServers, "--command-config", commandConfig.toString(),
                "--topic", Topics.ORDER_CREATED,
                "--producer-property", "max.request.size=2000000",
                "--property", "parse.key=true", "--property", "parse.headers=true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Writer input = new OutputStreamWriter(producer.getOutputStream(), StandardCharsets.UTF_8)) {
            input.write("event-type:OrderCreated,event-version:1\tpoison-bad-json\t{\"orderId\": \"not json\n");
            input.write("event-type:OrderCreated,event-version:99\tpoison-unknown-version\t{}\n");
            input.write("event-type:OrderCreated,event-version:1\tpoison-oversize\t{\"padding\":\""
                    + "x".repeat(900_000) + "\"}\n");
        }
        if (!producer.waitFor(60, TimeUnit.SECONDS) || producer.exitValue() != 0) {
            throw new IllegalStateException("The console producer failed; see " + log);
        }
    }
}
