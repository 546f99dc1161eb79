package dev.orderflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The JDK's ahead-of-time class and profile cache (JDK 25, JEP 483/514/515) for the services' JVMs: trained once per
 * jar, JDK and JVM options by starting the application up to its refreshed context, then mapped at every start.
 * Each cache lives in {@code <directory>/<service>/<key>/}, beside the plain jars it was trained on (the JDK's cache
 * needs a class path of plain jars, so a Spring Boot executable jar is extracted there first). Without a JDK 25 or
 * without a trained cache, a service starts as before.
 */
public final class AotCache {

    /** The first JDK with one-step training ({@code -XX:AOTCacheOutput}, JEP 514). */
    static final int FIRST_JDK = 25;
    private static final String CACHE_FILE = "app.aot";
    private static final String EXTRACTED = "app";

    private final Path directory;
    private final Consumer<String> log;
    private final int jdkFeature;
    private final String javaHome;
    private final String javaVersion;
    private final Map<Path, JarChecksum> checksums = new ConcurrentHashMap<>();
    private volatile boolean unsupportedSaid;
    private Process training;
    private boolean trainingStopped;

    AotCache(Path directory, Consumer<String> log, int jdkFeature, String javaHome, String javaVersion) {
        this.directory = directory.toAbsolutePath();
        this.log = log;
        this.jdkFeature = jdkFeature;
        this.javaHome = javaHome;
        this.javaVersion = javaVersion;
    }

    /** Caches for the JDK this launcher runs on, which is the one its services run on ({@link ChildProcess}). */
    public static AotCache under(Path directory, Consumer<String> log) {
        return new AotCache(directory, log, Runtime.version().feature(), System.getProperty("java.home"),
                Runtime.version().toString());
    }

    /** What a cache is valid for: the jar's bytes (not its time), the JDK, and the options the JVM starts with. */
    record Key(String jarSha256, String javaHome, String javaVersion, List<String> jvmOptions) {

        Key {
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** Its directory's name: 16 hex digits of a SHA-256 over every part. */
        String name() {
            String joined = String.join("\n", jarSha256, javaHome, javaVersion, String.join("\u0000", jvmOptions));
            return HexFormat.of().formatHex(sha256().digest(joined.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        }
    }

    boolean supported() {
        return jdkFeature >= FIRST_JDK;
    }

    Key keyOf(Path jar, List<String> jvmOptions) {
        return new Key(checksumOf(jar), javaHome, javaVersion, jvmOptions);
    }

    Path directoryOf(String service, Path jar, List<String> jvmOptions) {
        return directory.resolve(service).resolve(keyOf(jar, jvmOptions).name());
    }

    /** Whether {@link #startCommand} would start this service from a cache. */
    public boolean isTrained(String service, Path jar, List<String> jvmOptions) {
        return supported() && Files.isRegularFile(directoryOf(service, jar, jvmOptions).resolve(CACHE_FILE));
    }

    /** The command that starts the service from its cache, or empty: no cache for it, or a JDK without caches. */
    Optional<List<String>> startCommand(String service, Path jar, List<String> jvmOptions) {
        if (!supported()) {
            sayUnsupportedOnce();
            return Optional.empty();
        }
        Path home = directoryOf(service, jar, jvmOptions);
        Path cache = home.resolve(CACHE_FILE);
        if (!Files.isRegularFile(cache)) {
            return Optional.empty();
        }
        return Optional.of(startCommand(ChildProcess.javaExecutable(), jvmOptions, cache, classPathJar(home, jar)));
    }

    static List<String> startCommand(String java, List<String> jvmOptions, Path cache, Path jar) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.add("-XX:AOTCache=" + cache);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * Spring's own training run: the application starts with its real configuration up to a refreshed context (beans
     * created, database migrated) and exits before its lifecycle starts, so it opens no port and consumes nothing;
     * the JVM then writes the classes it loaded and their profiles.
     */
    static List<String> trainingCommand(String java, List<String> jvmOptions, Path cacheOutput, Path jar) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.add("-XX:AOTCacheOutput=" + cacheOutput);
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static List<String> extractCommand(String java, Path jar, Path destination) {
        return List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                destination.toString());
    }

    /**
     * Trains the service's cache unless it has one, in its own environment (same database, broker and settings as
     * its real start). Returns whether a cache is there afterwards; a failure is one log line, and the service keeps
     * starting without a cache.
     */
    public boolean trainIfMissing(String service, Path jar, List<String> jvmOptions, Map<String, String> environment,
            Duration timeout) {
        if (!supported()) {
            sayUnsupportedOnce();
            return false;
        }
        Path home = directoryOf(service, jar, jvmOptions);
        if (Files.isRegularFile(home.resolve(CACHE_FILE))) {
            return true;
        }
        Path trainingLog = home.resolve("training.log");
        try {
            Files.createDirectories(home);
            Path classPathJar = extractOnce(home, jar, trainingLog, timeout);
            Path output = home.resolve("training-" + ProcessHandle.current().pid() + ".aot");
            long started = System.nanoTime();
            int exit = run(trainingCommand(ChildProcess.javaExecutable(), jvmOptions, output, classPathJar),
                    environment, trainingLog, timeout);
            if (exit != 0 || !Files.isRegularFile(output)) {
                Files.deleteIfExists(output);
                log.accept("AOT cache: training " + service + " failed (exit " + exit + "), it starts without one;"
                        + " see " + trainingLog);
                return false;
            }
            Files.move(output, home.resolve(CACHE_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            log.accept("AOT cache: " + service + " trained in " + (System.nanoTime() - started) / 1_000_000_000 + " s ("
                    + home.resolve(CACHE_FILE) + "); its next start maps it");
            removeOlderCaches(service, home);
            return true;
        } catch (IOException | RuntimeException e) {
            log.accept("AOT cache: training " + service + " failed (" + e.getMessage() + "), it starts without one");
            return false;
        }
    }

    /**
     * Each rebuild of a service's jar is a new key and a new cache of about 150 MB with its extracted jars: without
     * this, {@code .run/aot-cache} grew by a gigabyte per rebuild of the stack. Keeps the cache just trained and the
     * newest other one (a benchmark of two versions uses two at once).
     */
    private void removeOlderCaches(String service, Path trained) {
        try (Stream<Path> caches = Files.list(directory.resolve(service))) {
            List<Path> others = caches.filter(Files::isDirectory).filter(cache -> !cache.equals(trained))
                    .sorted(Comparator.comparing(AotCache::lastModified).reversed())
                    .toList();
            for (Path older : others.subList(Math.min(1, others.size()), others.size())) {
                deleteTree(older);
            }
        } catch (IOException | UncheckedIOException e) {
            log.accept("AOT cache: could not remove " + service + "'s older caches (" + e.getMessage() + ")");
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a training run under way and refuses new ones, e.g. when the stack stops. */
    public synchronized void stopTraining() {
        trainingStopped = true;
        if (training != null) {
            training.destroyForcibly();
        }
    }

    /**
     * The jar the cache is trained and used with: a Spring Boot executable jar is extracted into plain jars once; any
     * other jar is already plain and used where it is.
     */
    private Path extractOnce(Path home, Path jar, Path trainingLog, Duration timeout) throws IOException {
        if (!isSpringBootJar(jar)) {
            return jar;
        }
        Path extracted = home.resolve(EXTRACTED);
        if (Files.isDirectory(extracted)) {
            return classPathJar(home, jar);
        }
        Path partial = home.resolve(EXTRACTED + "-" + ProcessHandle.current().pid());
        deleteTree(partial);
        int exit = run(extractCommand(ChildProcess.javaExecutable(), jar, partial), Map.of(), trainingLog, timeout);
        if (exit != 0) {
            deleteTree(partial);
            throw new IOException("extracting " + jar.getFileName() + " exited with " + exit + ", see " + trainingLog);
        }
        Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
        return classPathJar(home, jar);
    }

    private static Path classPathJar(Path home, Path jar) {
        Path extracted = home.resolve(EXTRACTED).resolve(jar.getFileName());
        return Files.isRegularFile(extracted) ? extracted : jar.toAbsolutePath();
    }

    static boolean isSpringBootJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") != null;
        }
    }

    private int run(List<String> command, Map<String, String> environment, Path logFile, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        Process process;
        synchronized (this) {
            if (trainingStopped) {
                throw new IOException("the launcher is stopping");
            }
            process = builder.start();
            training = process;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException("no result within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            synchronized (this) {
                training = null;
            }
        }
    }

    private void sayUnsupportedOnce() {
        if (!unsupportedSaid) {
            unsupportedSaid = true;
            log.accept("AOT cache: JDK " + javaVersion + " has none (JDK " + FIRST_JDK + "+ does); services start"
                    + " without one");
        }
    }

    /** A jar's SHA-256, read once per size and modification time: a rebuild of the same bytes keeps its key. */
    private String checksumOf(Path jar) {
        try {
            Path path = jar.toAbsolutePath();
            long size = Files.size(path);
            FileTime modified = Files.getLastModifiedTime(path);
            JarChecksum known = checksums.get(path);
            if (known != null && known.size() == size && known.modified().equals(modified)) {
                return known.sha256();
            }
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                }
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            checksums.put(path, new JarChecksum(size, modified, sha256));
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    private record JarChecksum(long size, FileTime modified, String sha256) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
