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
    /**
     * The name the hypervisor's "steal" is read under, once {@link #trackMachine()}: time this VM's cores were ready
     * to run but given to another guest. On a shared VM it is what makes the same run slow one hour and fast the next.
     */
    public static final String STOLEN = "stolen by the hypervisor";

    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * Readings of every tracked process at one instant: name to CPU seconds so far; {@code compilerSeconds}: the CPU
     * seconds so far of each JIT compiler thread (C1, C2) of the tracked processes, by thread id.
     */
    public record Reading(long nanoTime, Map<String, Double> cpuSeconds, Map<Long, Double> compilerSeconds) {

        /** Per process, the share of one core used between {@code earlier} and this reading, in percent. */
        public Map<String, Double> percentSince(Reading earlier) {
            double wall = (nanoTime - earlier.nanoTime) / 1e9;
            Map<String, Double> percent = new LinkedHashMap<>();
            cpuSeconds.forEach((name, seconds) -> percent.put(name,
                    100.0 * (seconds - earlier.cpuSeconds.getOrDefault(name, seconds)) / wall));
            return percent;
        }

        /**
         * The share of one core the tracked JVMs' JIT compiler threads used since {@code earlier}, in percent: part
         * of their processes' CPU, not more of it. The JVM starts and ends compiler threads as its queue grows and
         * shrinks; one that ended in between takes its time since {@code earlier} with it (a small undercount).
         */
        public double compilerPercentSince(Reading earlier) {
            double wall = (nanoTime - earlier.nanoTime) / 1e9;
            double seconds = 0;
            for (var thread : compilerSeconds.entrySet()) {
                seconds += thread.getValue() - earlier.compilerSeconds.getOrDefault(thread.getKey(), 0.0);
            }
            return 100.0 * seconds / wall;
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
     * the tracked processes, so it is not one more to add to them. Time stolen by the hypervisor is read apart
     * ({@link #STOLEN}), not as busy: this machine did no work in it.
     */
    public void trackMachine() {
        machine = true;
    }

    public Reading read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ticks(pid.getAsLong()) / TICKS_PER_SECOND));
        seconds.put(POSTGRES, postgresTicks() / TICKS_PER_SECOND);
        if (machine) {
            long[] cpu = machineTicks();
            // /proc/stat's first line: user nice system idle iowait irq softirq steal ...
            seconds.put(MACHINE, (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6]) / TICKS_PER_SECOND);
            seconds.put(STOLEN, cpu[7] / TICKS_PER_SECOND);
        }
        Map<Long, Double> compilers = new LinkedHashMap<>();
        pids.values().forEach(pid -> compilerTicks(pid.getAsLong())
                .forEach((thread, ticks) -> compilers.put(thread, ticks / TICKS_PER_SECOND)));
        return new Reading(System.nanoTime(), seconds, compilers);
    }

    /**
     * The CPU ticks of each JIT compiler thread of a JVM, by thread id. HotSpot names them "C1 CompilerThread0",
     * "C2 CompilerThread1", ...; Linux keeps the first 15 characters. Another process has none.
     */
    private static Map<Long, Long> compilerTicks(long pid) {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            threads.forEach(thread -> {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ticks.put(Long.parseLong(thread.getFileName().toString()), statTicks(thread.resolve("stat")));
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /** User + system ticks from a {@code stat} file of a process or a thread. */
    private static long statTicks(Path stat) throws IOException {
        String line = Files.readString(stat);
        // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long ticks(long pid) {
        try {
            return statTicks(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Its own CPU time and that of its children that exited: a backend that ends with its connection takes its time
     * with it, but the postmaster, which waits for it, inherits it; without it the sum fell between two readings.
     */
    private static long ticksWithReapedChildren(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
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
                    .mapToLong(p -> ticksWithReapedChildren(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The first eight figures of /proc/stat's first line (all cores together), or zeros if it cannot be read. */
    private static long[] machineTicks() {
        long[] ticks = new long[8];
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
                ticks[i] = Long.parseLong(fields[i + 1]);
            }
        } catch (IOException | RuntimeException e) {
            return new long[8];
        }
        return ticks;
    }
}
