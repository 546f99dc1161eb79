package dev.orderflow.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Kafka's shell scripts as the apache/kafka image has them, for the deployment scripts under test: each one a
 * two-line wrapper running the same Kafka class on this test's class path (Kafka's server and tools jars).
 */
final class KafkaTools {

    /** Where the tools' class-data archives live: build output, made by the first run of each tool. */
    static final Path CLASS_DATA = RenderedManifests.MODULE.resolve("target/kafka-tools-class-data");

    private KafkaTools() {
    }

    /** Writes {@code dir/name}, which runs {@code mainClass} with the arguments it is given. */
    static Path wrapper(Path dir, String name, String mainClass, String... jvmOptions) throws IOException {
        return write(dir, name, mainClass, System.getProperty("java.class.path"), jvmOptions);
    }

    /**
     * A short-lived tool: C1 only, which starts a command-line tool about twice as fast, and its classes mapped
     * from a class-data archive that its first run writes (the scripts under test start dozens of these JVMs).
     */
    static String tool(Path dir, String name, String mainClass) throws IOException {
        Files.createDirectories(CLASS_DATA);
        return write(dir, name, mainClass, jars(), "-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + CLASS_DATA.resolve(mainClass + ".jsa"), "-Xlog:cds*=off").toString();
    }

    private static Path write(Path dir, String name, String mainClass, String classPath, String... jvmOptions)
            throws IOException {
        Files.createDirectories(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path tool = Files.writeString(dir.resolve(name), """
                #!/bin/sh
                exec "%s" %s -cp "%s" %s "$@"
                """.formatted(java, String.join(" ", jvmOptions), classPath, mainClass));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    /**
     * The class path's library jars: an archive takes classes from jars only, and is valid only while they are
     * unchanged, so the modules' own classes and jars (rebuilt every build, never used by Kafka) stay out.
     */
    private static String jars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(Files::isRegularFile)
                .filter(entry -> !isBuildOutput(entry.toAbsolutePath()))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isBuildOutput(Path jar) {
        return jar.startsWith(RenderedManifests.REPOSITORY) && jar.getParent().endsWith("target");
    }
}
