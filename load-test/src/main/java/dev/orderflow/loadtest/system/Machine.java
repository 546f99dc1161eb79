package dev.orderflow.loadtest.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;

/** The machine and versions a benchmark ran on, for its report. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe(Path root) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM");
        String memory = firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB");
        m.put("Memory", memory.equals("unknown") ? memory
                : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(memory) / 1024.0 / 1024.0));
        m.put("Kernel", read(Path.of("/proc/sys/kernel/osrelease")));
        m.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("Kafka (broker and clients)", AppInfoParser.getVersion());
        m.put("Spring Boot", firstMatch(root.resolve("pom.xml"),
                "<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)</version>"));
        m.put("orderflow commit", command(root, "git", "rev-parse", "--short", "HEAD")
                + (command(root, "git", "status", "--porcelain", "--untracked-files=no").isBlank() ? "" : " (modified)"));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            StringBuilder pg = new StringBuilder();
            for (String setting : List.of("server_version", "max_connections", "shared_buffers", "synchronous_commit",
                    "fsync")) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    pg.append(pg.isEmpty() ? "" : ", ").append(setting.equals("server_version") ? "" : setting + " ")
                            .append(r.getString(1));
                }
            }
            m.put("PostgreSQL (shared, same machine)", pg.toString());
        } catch (Exception e) {
            m.put("PostgreSQL", "unknown (" + e.getMessage() + ")");
        }
        m.put("pgbench", command(root, "pgbench", "--version"));
        return m;
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute figures. */
    static String loadAverage() {
        String text = read(Path.of("/proc/loadavg"));
        String[] parts = text.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : text;
    }

    private static String firstMatch(Path file, String regex) {
        Matcher m = Pattern.compile(regex).matcher(read(file));
        return m.find() ? m.group(1).trim() : "unknown";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String command(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
