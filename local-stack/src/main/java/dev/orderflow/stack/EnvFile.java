package dev.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The deploy directory's env files ({@code KEY=VALUE} lines, {@code #} comments, lists separated by spaces):
 * the same files Kubernetes ConfigMaps and docker-compose read, so the local stack and its tests use one source.
 */
final class EnvFile {

    /** Where the Kafka topic and access lists live, relative to the repository root. */
    static final Path KAFKA_TOPICS_DIR = Path.of("deploy", "k8s", "base", "kafka-topics");

    private final Path file;
    private final Map<String, String> values;

    private EnvFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    static EnvFile read(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException(file + ": not a KEY=VALUE line: " + line);
                }
                values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
            }
            return new EnvFile(file, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Finds {@code relative} in the working directory or the nearest parent that has it: Maven runs a module's
     * tests in the module's directory, the launcher runs from the repository root.
     */
    static Path locate(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + relative + " in " + Path.of("").toAbsolutePath() + " or above");
    }

    Path file() {
        return file;
    }

    String value(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new NoSuchElementException(file + " has no " + key);
        }
        return value;
    }

    /** A space-separated list; an empty value is an empty list. */
    List<String> list(String key) {
        String value = value(key);
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    Map<String, String> values() {
        return Map.copyOf(values);
    }
}
