package dev.orderflow.system;

import dev.orderflow.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One scenario's entry in {@code system-tests/target/fault-report.md}: the load, the faults injected, what the checks
 * counted and how long it all took. Begun before the load starts; written once the checks passed, so every entry in
 * the report is a scenario that passed (a failure is in Surefire's report instead).
 */
final class FaultReport {

    static final Path FILE = Path.of("target", "fault-report.md").toAbsolutePath();
    private static boolean started;

    private final String scenario;
    private final SystemUnderTest system;
    private final Instant began = Instant.now();
    private final Map<String, Long> deadLettersBefore;
    private final List<String> faults = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();

    private FaultReport(String scenario, SystemUnderTest system) {
        this.scenario = scenario;
        this.system = system;
        this.deadLettersBefore = deadLetters();
    }

    static FaultReport begin(String scenario, SystemUnderTest system) {
        return new FaultReport(scenario, system);
    }

    /** A fault injected, with when it happened relative to the start of the scenario. */
    void fault(String description) {
        faults.add("at %ds: %s".formatted(Duration.between(began, Instant.now()).toSeconds(), description));
    }

    void note(String name, Object value) {
        notes.put(name, value);
    }

    /** Appends the entry; the first entry of a test run replaces the file of the previous run. */
    void passed(LoadDriver load, FaultChecks.Passed checks) {
        Map<String, Long> after = deadLetters();
        String deadLettered = after.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() - deadLettersBefore.getOrDefault(e.getKey(), 0L)))
                .collect(Collectors.joining(", "));
        StringBuilder entry = new StringBuilder();
        entry.append("## ").append(scenario).append("\n\n");
        entry.append("| | |\n|---|---|\n");
        row(entry, "load", load.describe());
        row(entry, "accepted (201)", checks.accepted());
        row(entry, "refused or failed POSTs", load.refused());
        row(entry, "faults injected", String.join("<br>", faults));
        row(entry, "effects per order set", checks.effects().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        row(entry, "lost / doubled", "0 / 0 (every count above equals the accepted orders)");
        row(entry, "dead-lettered on order-created during the scenario", deadLettered);
        notes.forEach((name, value) -> row(entry, name, value));
        row(entry, "checks passed", String.join("<br>", checks.checks()));
        row(entry, "duration", Duration.between(began, Instant.now()).toSeconds() + " s");
        entry.append('\n');
        write(entry.toString());
        System.out.printf("[system-test] %s passed: accepted %d, refused %d, faults %s%n", scenario,
                checks.accepted(), load.refused(), faults);
    }

    private Map<String, Long> deadLetters() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String worker : SharedSystem.WORKERS) {
            counts.put(worker, system.endOffsets(Topics.deadLetter(Topics.ORDER_CREATED, worker)).values().stream()
                    .mapToLong(Long::longValue).sum());
        }
        return counts;
    }

    private static void row(StringBuilder entry, String name, Object value) {
        entry.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static synchronized void write(String entry) {
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                Files.writeString(FILE, "# Fault scenarios: what was checked\n\nRun of " + Instant.now()
                        + "; each entry is a scenario that passed, in the order they ran.\n\n", StandardCharsets.UTF_8);
                started = true;
            }
            Files.writeString(FILE, entry, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
