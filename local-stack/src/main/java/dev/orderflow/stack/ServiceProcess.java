package dev.orderflow.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** One orderflow application running as its own JVM from its executable jar, with its readiness check. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    /** Null: the JVM starts without an ahead-of-time cache, as the system tests start it. */
    private final AotCache aotCache;
    private final ChildProcess process;

    /**
     * @param port        the HTTP port (the spec's port in the local stack; any free one in tests)
     * @param environment the service's configuration, as environment variables; its management port is
     *                    {@link ServiceEnvironment#MANAGEMENT_PORT}, or the HTTP port where it names none
     * @param jvmOptions  e.g. heap size
     * @param output      where each output line goes besides the log file (may be null)
     */
    public ServiceProcess(ServiceSpec spec, Path jar, int port, Map<String, String> environment,
            List<String> jvmOptions, Path logFile, Consumer<String> output) {
        this(spec, jar, port, environment, jvmOptions, logFile, output, null);
    }

    /**
     * @param aotCache where its JVM's ahead-of-time cache is looked up at each start (it starts without one while
     *                 none is trained); null: never
     */
    public ServiceProcess(ServiceSpec spec, Path jar, int port, Map<String, String> environment,
            List<String> jvmOptions, Path logFile, Consumer<String> output, AotCache aotCache) {
        this.spec = spec;
        this.jar = jar.toAbsolutePath();
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.aotCache = aotCache;
        this.managementPort = Integer.parseInt(environment.getOrDefault(ServiceEnvironment.MANAGEMENT_PORT,
                Integer.toString(port)));
        this.process = new ChildProcess(spec.name(), this::command, environment, logFile, output);
    }

    private List<String> command() {
        if (aotCache != null) {
            Optional<List<String>> cached = aotCache.startCommand(spec.name(), jar, jvmOptions);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Whether its next start maps an ahead-of-time cache. */
    public boolean hasAotCache() {
        return aotCache != null && aotCache.isTrained(spec.name(), jar, jvmOptions);
    }

    /**
     * Trains its ahead-of-time cache unless it has one, with its own environment and JVM options; whether it has one
     * afterwards. Without a cache configured, false.
     */
    public boolean trainAotCache(Duration timeout) {
        return aotCache != null && aotCache.trainIfMissing(spec.name(), jar, jvmOptions, environment, timeout);
    }

    /** The executable jar Spring Boot's plugin built for this application under {@code root}. */
    public static Path jarOf(Path root, ServiceSpec spec) {
        Path target = root.resolve(spec.name()).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(spec.name() + "-") && name.endsWith(".jar")
                        && !name.endsWith("-sources.jar") && !name.endsWith("-plain.jar");
            }).findFirst().orElseThrow(() -> missingJar(target));
        } catch (IOException e) {
            throw missingJar(target);
        }
    }

    private static IllegalStateException missingJar(Path target) {
        return new IllegalStateException("No executable jar in " + target
                + ": build it first with ./mvnw -DskipTests package");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int managementPort() {
        return managementPort;
    }

    /** Where actuator answers: prometheus, dead letters, health. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    public void start() {
        process.start();
    }

    /** Waits for readiness ({@code /readyz} on the public port) to answer 200; fails with the log tail if not. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process.hasDied()) {
                throw new IllegalStateException(spec.name() + " exited while starting. Last lines of "
                        + process.logFile() + ":\n" + process.tail(40));
            }
            if (isReady()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout + ". Last lines of "
                + process.logFile() + ":\n" + process.tail(40));
    }

    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/readyz"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Graceful: SIGTERM, so in-flight work finishes; SIGKILL only after the grace period. */
    public void stop() {
        process.stop(45);
    }

    /** SIGKILL: a crash. */
    public void kill() {
        process.kill();
    }

    public Path logFile() {
        return process.logFile();
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
