package dev.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The admin's client properties of a secured {@link KafkaCluster} in a file, for Kafka's own tools
 * ({@code --command-config}; scripts/kafka-tool passes it). The password in it is the local stack's default.
 */
public final class KafkaAdminProperties {

    private KafkaAdminProperties() {
    }

    public static Path write(KafkaCluster kafka, Path file) {
        Map<String, Object> properties = new TreeMap<>(KafkaPrincipals.adminProperties(kafka));
        String text = "# Kafka client settings of the local stack's admin principal (a super user), written by the local\n"
                + "# stack at every start. Local defaults only. Use: scripts/kafka-tool, or --command-config <this file>.\n"
                + properties.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue().toString().replace("\\", "\\\\"))
                        .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
