package dev.orderflow.loadtest.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A benchmark's {@code --name=value} options, in the order given, and the same again for its report's command line. */
final class BenchmarkOptions {

    private BenchmarkOptions() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options look like --name=value, got: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    /** The options as they were given, e.g. {@code " --runs=3"}; empty without any. */
    static String asArguments(Map<String, String> options) {
        return options.entrySet().stream().map(e -> " --" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining());
    }
}
