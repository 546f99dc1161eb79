package dev.orderflow.loadtest.system;

import dev.orderflow.stack.AotCache;
import dev.orderflow.stack.LocalStack;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up time of each service (issue 21: ready in 10 s or less), without and with the JDK's ahead-of-time cache
 * ({@link AotCache}): one KRaft broker and the local PostgreSQL started once with the local stack's classes, then
 * each service started alone, as {@code scripts/run-local} starts it (same jar, JVM options and kind of environment),
 * timed from its JVM's start to {@code /readyz} answering 200, and stopped again. Each service's cache is trained first
 * (its training time reported). The starts alternate, without then with the cache in odd runs and the other way round
 * in even ones, so that a drift of the machine's load falls on both.
 *
 * <pre>usage: StartupBenchmark [--runs=3] [--services=auth-server,order-service,...] [--out=docs/benchmarks/startup.md]</pre>
 */
public final class StartupBenchmark {

    private static final Pattern STARTED =
            Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** One start: JVM start to readiness, Spring's own "process running for" figure (NaN if not logged). */
    private record Start(String service, boolean cached, int run, double readySeconds, double springSeconds,
            String loadAverage) {
    }

    private record Training(String service, double seconds, boolean trained) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchmarkOptions.parse(args);
        int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
        List<ServiceSpec> specs = o.containsKey("services")
                ? Stream.of(o.get("services").split(",")).map(String::trim).map(StartupBenchmark::spec).toList()
                : Stream.concat(Stream.of(ServiceSpec.AUTH_SERVER), ServiceSpec.ALL.stream()).toList();
        Path root = Path.of("").toAbsolutePath();
        Path out = root.resolve(o.getOrDefault("out", "docs/benchmarks/startup.md"));
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path work = Files.createDirectories(root.resolve("load-test/target/startup-runs/" + run));
        // Its own caches, so that each run reports the training it needs and leaves run-local's alone.
        AotCache cache = AotCache.under(root.resolve("load-test/target/startup-aot-cache"), StartupBenchmark::say);
        Instant started = Instant.now();
        Map<String, String> machine = Machine.describe(root);

        List<Training> trainings = new ArrayList<>();
        List<Start> starts = new ArrayList<>();
        try (BenchmarkStack stack = new BenchmarkStack(root, work, run, Map.of(), List.of())) {
            say("starting the broker (the services' databases are made as each starts)...");
            stack.start();
            for (ServiceSpec spec : specs) {
                Path jar = ServiceProcess.jarOf(root, spec);
                ServiceProcess trainee = stack.newService(spec, jar, cache, spec.name() + "-training");
                boolean wasTrained = trainee.hasAotCache();
                long t0 = System.nanoTime();
                boolean trained = trainee.trainAotCache(Duration.ofMinutes(5));
                double seconds = wasTrained ? Double.NaN : (System.nanoTime() - t0) / 1e9;
                trainings.add(new Training(spec.name(), seconds, trained));
                say("%s: cache %s".formatted(spec.name(), !trained ? "NOT trained: its starts are without one"
                        : wasTrained ? "already trained" : "trained in %.1f s".formatted(seconds)));
                for (int r = 1; r <= runs; r++) {
                    List<Boolean> order = r % 2 == 1 ? List.of(false, true) : List.of(true, false);
                    for (boolean cached : order) {
                        if (cached && !trained) {
                            continue;
                        }
                        Start start = timeStart(stack, spec, jar, cached ? cache : null, r);
                        starts.add(start);
                        say("%s, run %d, %s: ready in %.2f s (Spring: process running for %.2f s); load %s".formatted(
                                spec.name(), r, cached ? "with the cache" : "without", start.readySeconds(),
                                start.springSeconds(), start.loadAverage()));
                    }
                }
            }
        }
        Files.writeString(out, report(o, machine, specs, runs, trainings, starts, started), StandardCharsets.UTF_8);
        say("report written: " + out);
        System.exit(0); // the token issuer's HTTP server (a non-daemon thread) would keep the JVM alive
    }

    private static ServiceSpec spec(String name) {
        return name.equals(ServiceSpec.AUTH_SERVER.name()) ? ServiceSpec.AUTH_SERVER : ServiceSpec.named(name);
    }

    /** Starts the service, waits for its readiness, stops it (gracefully) before the next start. */
    private static Start timeStart(BenchmarkStack stack, ServiceSpec spec, Path jar, AotCache cache, int run)
            throws IOException, InterruptedException {
        String variant = cache == null ? "plain" : "aot";
        ServiceProcess process = stack.newService(spec, jar, cache, spec.name() + "-" + variant + "-" + run);
        if (cache != null && !process.hasAotCache()) {
            throw new IllegalStateException(spec.name() + " has no trained cache to start from");
        }
        String load = Machine.loadAverage();
        long t0 = System.nanoTime();
        process.start();
        try {
            long deadline = t0 + READY_TIMEOUT.toNanos();
            while (!process.isReady()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(spec.name() + " did not become ready; see " + process.logFile());
                }
                // A poll every 20 ms: the figure's resolution.
                Thread.sleep(20);
            }
            double ready = (System.nanoTime() - t0) / 1e9;
            return new Start(spec.name(), cache != null, run, ready, springSeconds(process.logFile()), load);
        } finally {
            process.stop();
        }
    }

    private static double springSeconds(Path log) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? Double.parseDouble(m.group(2)) : Double.NaN;
    }

    private static String report(Map<String, String> options, Map<String, String> machine, List<ServiceSpec> specs,
            int runs, List<Training> trainings, List<Start> starts, Instant started) {
        StringBuilder md = new StringBuilder();
        md.append("# Start-up: each service from JVM start to ready, without and with the JDK's AOT cache\n\n");
        md.append("Generated by `load-test/run-startup-benchmark").append(BenchmarkOptions.asArguments(options))
                .append("`, ").append(started.toString().substring(0, 16).replace('T', ' ')).append(" UTC.\n\n");
        md.append("One KRaft broker (SASL/SCRAM and ACLs, as in the local stack) and the local PostgreSQL stay up; each ")
                .append("service starts alone from its executable jar with `scripts/run-local`'s JVM options (`")
                .append(String.join(" ", BenchmarkStack.JVM_OPTIONS)).append("`; auth-server `")
                .append(String.join(" ", LocalStack.SMALL_JVM_OPTIONS)).append("`), ")
                .append("its own database and fresh ports, and is stopped before the next start. *ready*: from the ")
                .append("launcher starting the JVM to `/readyz` answering 200 (polled every 20 ms). *with the cache*: ")
                .append("the jar extracted once (`java -Djarmode=tools -jar … extract`) and started with ")
                .append("`-XX:AOTCache=…`, trained beforehand with `-XX:AOTCacheOutput=… ")
                .append("-Dspring.context.exit=onRefresh` in the same kind of environment (`AotCache` in local-stack). ")
                .append("*Spring*: the \"process running for\" of Spring Boot's `Started …` line. Each start's ")
                .append("1-minute load average (`/proc/loadavg`, 1, 5 and 15 min) is given beside it: the machine's ")
                .append("2 cores are shared with other work.\n\n");
        md.append("## Medians of ").append(runs).append(" starts\n\n");
        md.append("| service | ready without | ready with the cache | saved | ≤ 10 s with the cache? | Spring without |")
                .append(" Spring with | training (once per jar, JDK and options) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (ServiceSpec spec : specs) {
            List<Start> plain = of(starts, spec.name(), false);
            List<Start> aot = of(starts, spec.name(), true);
            double without = Medians.of(plain.stream().map(Start::readySeconds).toList());
            double with = Medians.of(aot.stream().map(Start::readySeconds).toList());
            Training training = trainings.stream().filter(t -> t.service().equals(spec.name())).findFirst()
                    .orElse(null);
            md.append("| %s | %s s | %s s | %s | %s | %s s | %s s | %s |\n".formatted(spec.name(), f(without), f(with),
                    Double.isNaN(with) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * (without - with) / without),
                    Double.isNaN(with) ? "-" : with <= 10 ? "yes" : "**no**",
                    f(Medians.of(plain.stream().map(Start::springSeconds).toList())),
                    f(Medians.of(aot.stream().map(Start::springSeconds).toList())),
                    training == null || !training.trained() ? "**failed**"
                            : Double.isNaN(training.seconds()) ? "trained before" : f(training.seconds()) + " s"));
        }
        md.append("\n## Each start\n\n");
        md.append("| service | run | cache | ready | Spring | load average at the start |\n|---|---|---|---|---|---|\n");
        for (Start s : starts) {
            md.append("| %s | %d | %s | %s s | %s s | %s |\n".formatted(s.service(), s.run(),
                    s.cached() ? "with" : "without", f(s.readySeconds()), f(s.springSeconds()), s.loadAverage()));
        }
        md.append("""

                ## Not measured

                - Spring's AOT processing (`process-aot`, generated bean definitions), alone or with the JDK's cache.
                - Starts of several services at once, as `scripts/run-local` starts the five workers in parallel: each
                  start here has the machine to itself, apart from the broker, PostgreSQL and other users' work.
                - CPU and memory of a start, and the cache's effect after start-up (warm-up of the JIT from its profiles).
                - JDK 21's AppCDS, which the launcher does not use: on a JDK before 25 services start without a cache.
                - The web console.
                """);
        md.append("\n## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        return md.toString();
    }

    private static List<Start> of(List<Start> starts, String service, boolean cached) {
        return starts.stream().filter(s -> s.service().equals(service) && s.cached() == cached).toList();
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void say(String line) {
        System.out.println(Instant.now().toString().substring(11, 19) + " startup | " + line);
    }
}
