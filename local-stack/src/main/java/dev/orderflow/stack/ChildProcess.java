package dev.orderflow.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One OS process the stack started, in a session of its own so that a Ctrl-C in the terminal reaches only the
 * launcher, which then stops its children in order (services before the broker they commit offsets to).
 * Its output goes, line by line, to a log file and to an optional sink (the launcher's prefixed console).
 */
final class ChildProcess {

    private final String name;
    /** Asked at each start: a service restarted after its AOT cache was trained starts from it. */
    private final Supplier<List<String>> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Consumer<String> sink;
    private Process process;
    /** Whether it should be running: started and neither stopped nor killed on purpose since. */
    private volatile boolean wanted;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile,
            Consumer<String> sink) {
        this(name, () -> List.copyOf(command), environment, logFile, sink);
    }

    ChildProcess(String name, Supplier<List<String>> command, Map<String, String> environment, Path logFile,
            Consumer<String> sink) {
        this.name = name;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.sink = sink;
    }

    synchronized void start() {
        wanted = true;
        if (isAlive()) {
            return;
        }
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command.get());
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
        }
        Process started = process;
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> pump(started));
    }

    private void pump(Process started) {
        try (var reader = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
                var log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                if (sink != null) {
                    sink.accept(line);
                }
            }
        } catch (IOException e) {
            // the process went away; its exit is reported by whoever waits for it
        }
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    /** Started and meant to run, but gone: it crashed or exited by itself. */
    synchronized boolean hasDied() {
        return wanted && process != null && !process.isAlive();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    void stop(long graceSeconds) {
        wanted = false;
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL at once: a crash, as the fault tests need it. */
    void kill() {
        wanted = false;
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            try {
                current.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last lines of the log, for error messages when a process fails to come up. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
