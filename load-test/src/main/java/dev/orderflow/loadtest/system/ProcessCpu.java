package dev.orderflow.loadtest.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * CPU time per process, read from {@code /proc/<pid>/stat} (user + system, in clock ticks of 1/100 s, Linux's
 * USER_HZ), so a phase's CPU is the difference of two readings divided by its wall time: 100% is one core.
 * PostgreSQL is the sum of all its processes (the server is shared, so other users' queries count too). Public for
 * the benchmarks outside this package (the analytics rebuild's).
 */
public final class ProcessCpu {

    /** The name PostgreSQL's processes are read under. */
    public static final String POSTGRES = "postgresql (all)";
    /** The name the whole machine is read under, once {@link #trackMachine()}. */
    public static final String MACHINE = "machine (all processes)";

    private static final double TICKS_PER_SECOND = 100.0;

    /** Readings of every tracked process at one instant: name to CPU seconds so far. */
    public record Reading(long nanoTime, Map<String, Double> cpuSeconds) {

        /** Per process, the share of one core used between {@code earlier} and this reading, in percent. */
        public Map<String, Double> percentSince(Reading earlier) {
            double wall = (nanoTime - earlier.nanoTime) / 1e9;
            Map<String, Double> percent = new LinkedHashMap<>();
            cpuSeconds.forEach((name, seconds) -> percent.put(name,
                    100.0 * (seconds - earlier.cpuSeconds.getOrDefault(name, seconds)) / wall));
            return percent;
        }
    }

    private final Map<String, LongSupplier> pids = new LinkedHashMap<>();
    private boolean machine;

    /** A process by a pid read at each reading, so it may start later; a pid not running reads as 0. */
    public void track(String name, LongSupplier pid) {
        pids.put(name, pid);
    }

    /**
     * Also "machine (all processes)": all cores' busy time from {@code /proc/stat}, 100% per busy core; it includes
     * the tracked processes, so it is not one more to add to them.
     */
    public void trackMachine() {
        machine = true;
    }

    public Reading read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ticks(pid.getAsLong()) / TICKS_PER_SECOND));
        seconds.put(POSTGRES, postgresTicks() / TICKS_PER_SECOND);
        if (machine) {
            seconds.put(MACHINE, machineBusyTicks() / TICKS_PER_SECOND);
        }
        return new Reading(System.nanoTime(), seconds);
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().startsWith("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> ticks(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** All cores' busy time: the first line of /proc/stat less idle and iowait. */
    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
