package dev.orderflow.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Kafka's shell scripts as the apache/kafka image has them, for the deployment scripts under test: each one a
 * two-line wrapper running the same Kafka class on this test's class path (Kafka's server and tools jars).
 */
final class KafkaTools {

    private KafkaTools() {
    }

    /** Writes {@code dir/name}, which runs {@code mainClass} with the arguments it is given. */
    static Path wrapper(Path dir, String name, String mainClass, String... jvmOptions) throws IOException {
        Files.createDirectories(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path tool = Files.writeString(dir.resolve(name), """
                #!/bin/sh
                exec "%s" %s -cp "%s" %s "$@"
                """.formatted(java, String.join(" ", jvmOptions), System.getProperty("java.class.path"), mainClass));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    /** A short-lived tool: C1 only, which starts a command-line tool about twice as fast. */
    static String tool(Path dir, String name, String mainClass) throws IOException {
        return wrapper(dir, name, mainClass, "-XX:TieredStopAtLevel=1").toString();
    }
}
