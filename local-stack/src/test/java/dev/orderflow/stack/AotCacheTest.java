package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's key, its command lines, and a cache really trained and mapped for a tiny jar. */
class AotCacheTest {

    private static final List<String> OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    @Test
    void aJarRebuiltWithTheSameBytesKeepsItsKey() throws IOException {
        Path jar = dir.resolve("app.jar");
        Files.write(jar, new byte[] {1, 2, 3});
        AotCache cache = cache(25, "/opt/jdk-25", "25.0.3+9-LTS");
        String before = cache.keyOf(jar, OPTIONS).name();

        Files.write(jar, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(cache.keyOf(jar, OPTIONS).name()).isEqualTo(before).hasSize(16);
    }

    @Test
    void anyChangeOfTheJarTheJdkOrTheOptionsIsAnotherKey() throws IOException {
        Path jar = dir.resolve("app.jar");
        Files.write(jar, new byte[] {1, 2, 3});
        String key = cache(25, "/opt/jdk-25", "25.0.3+9-LTS").keyOf(jar, OPTIONS).name();

        assertThat(cache(25, "/opt/other-jdk-25", "25.0.3+9-LTS").keyOf(jar, OPTIONS).name()).isNotEqualTo(key);
        assertThat(cache(25, "/opt/jdk-25", "25.0.4+7-LTS").keyOf(jar, OPTIONS).name()).isNotEqualTo(key);
        assertThat(cache(25, "/opt/jdk-25", "25.0.3+9-LTS").keyOf(jar, List.of("-Xmx64m")).name()).isNotEqualTo(key);
        Files.write(jar, new byte[] {1, 2, 4});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(cache(25, "/opt/jdk-25", "25.0.3+9-LTS").keyOf(jar, OPTIONS).name()).isNotEqualTo(key);
    }

    @Test
    void trainingRunsTheApplicationUpToItsRefreshedContextAndWritesTheCache() {
        assertThat(AotCache.trainingCommand("/jdk/bin/java", OPTIONS, Path.of("/c/app.aot"), Path.of("/c/app/a.jar")))
                .containsExactly("/jdk/bin/java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:AOTCacheOutput=/c/app.aot",
                        "-Dspring.context.exit=onRefresh", "-jar", "/c/app/a.jar");
    }

    @Test
    void aStartMapsTheCacheWithTheSameOptionsAndJar() {
        assertThat(AotCache.startCommand("/jdk/bin/java", OPTIONS, Path.of("/c/app.aot"), Path.of("/c/app/a.jar")))
                .containsExactly("/jdk/bin/java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:AOTCache=/c/app.aot", "-jar",
                        "/c/app/a.jar");
    }

    @Test
    void anExecutableJarIsExtractedWithSpringBootsJarTools() {
        assertThat(AotCache.extractCommand("/jdk/bin/java", Path.of("/t/a.jar"), Path.of("/c/app-1")))
                .containsExactly("/jdk/bin/java", "-Djarmode=tools", "-jar", "/t/a.jar", "extract", "--destination",
                        "/c/app-1");
    }

    @Test
    void onAJdkBefore25ServicesStartAsBeforeAndTheLogSaysSoOnce() throws IOException {
        Path jar = probeJar();
        List<String> log = new ArrayList<>();
        AotCache cache = new AotCache(dir.resolve("cache"), log::add, 21, "/opt/jdk-21", "21.0.9+10");

        boolean trained = cache.trainIfMissing("probe", jar, OPTIONS, Map.of(), Duration.ofSeconds(30));

        assertThat(trained).isFalse();
        assertThat(cache.startCommand("probe", jar, OPTIONS)).isEmpty();
        assertThat(log).singleElement().asString().contains("JDK 21.0.9+10 has none");
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void aTrainedCacheIsMappedAtTheNextStart() throws Exception {
        assumeTrue(Runtime.version().feature() >= AotCache.FIRST_JDK,
                "the JDK running this test is " + Runtime.version() + ": its AOT cache needs JDK 25 or newer");
        Path jar = probeJar();
        List<String> log = new ArrayList<>();
        AotCache cache = AotCache.under(dir.resolve("cache"), log::add);
        assertThat(cache.startCommand("probe", jar, OPTIONS)).as("before training").isEmpty();

        boolean trained = cache.trainIfMissing("probe", jar, OPTIONS, Map.of("PROBE_GREETING", "training"),
                Duration.ofSeconds(90));

        assertThat(trained).as("trained; log: %s", log).isTrue();
        assertThat(cache.isTrained("probe", jar, OPTIONS)).isTrue();
        List<String> command = new ArrayList<>(cache.startCommand("probe", jar, OPTIONS).orElseThrow());
        // AOTMode=on: the JVM exits with an error instead of starting without the cache it cannot map.
        command.add(1, "-XX:AOTMode=on");
        assertThat(run(command)).isEqualTo("probe: mapped");
    }

    @Test
    void aNewCacheReplacesAllButTheNewestOlderOneOfItsService() throws Exception {
        assumeTrue(Runtime.version().feature() >= AotCache.FIRST_JDK,
                "the JDK running this test is " + Runtime.version() + ": its AOT cache needs JDK 25 or newer");
        Path jar = probeJar();
        Path oldest = olderCache("probe", "00000000000000a1", 3_600);
        Path newer = olderCache("probe", "00000000000000a2", 60);
        Path otherService = olderCache("other", "00000000000000b1", 3_600);
        AotCache cache = AotCache.under(dir.resolve("cache"), line -> { });

        assertThat(cache.trainIfMissing("probe", jar, OPTIONS, Map.of(), Duration.ofSeconds(90))).isTrue();

        assertThat(oldest).doesNotExist();
        assertThat(newer).isDirectory();
        assertThat(otherService).isDirectory();
        assertThat(cache.isTrained("probe", jar, OPTIONS)).isTrue();
    }

    /** A cache directory of another key, last changed {@code secondsAgo}. */
    private Path olderCache(String service, String key, long secondsAgo) throws IOException {
        Path home = Files.createDirectories(dir.resolve("cache").resolve(service).resolve(key));
        Files.write(home.resolve("app.aot"), new byte[] {1});
        Files.setLastModifiedTime(home, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        return home;
    }

    @Test
    void aJvmThatMustMapACacheFailsWithoutOne() throws Exception {
        assumeTrue(Runtime.version().feature() >= AotCache.FIRST_JDK,
                "the JDK running this test is " + Runtime.version() + ": its AOT cache needs JDK 25 or newer");
        Path jar = probeJar();
        List<String> command = new ArrayList<>(AotCache.startCommand(ChildProcess.javaExecutable(), OPTIONS,
                dir.resolve("missing.aot"), jar));
        command.add(1, "-XX:AOTMode=on");

        Process process = start(command);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
    }

    private AotCache cache(int feature, String javaHome, String version) {
        return new AotCache(dir.resolve("cache"), line -> { }, feature, javaHome, version);
    }

    /** A plain jar of {@link AotCacheProbe}, taken from this test's class path. */
    private Path probeJar() throws IOException {
        Path jar = dir.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, AotCacheProbe.class.getName());
        String entry = AotCacheProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = AotCacheProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static String run(List<String> command) throws Exception {
        Process process = start(command);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit of %s; output: %s", command, output).isZero();
        return output;
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PROBE_GREETING", "mapped");
        return builder.start();
    }
}
