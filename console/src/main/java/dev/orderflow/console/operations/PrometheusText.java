package dev.orderflow.console.operations;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Sums of a few series from Prometheus' text format, e.g. the lag of every partition of a group. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** For each wanted metric present in the text, the sum of its samples (NaN samples left out). */
    static Map<String, Double> sums(String text, Set<String> metrics) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = indexOfAny(line, '{', ' ');
            String name = nameEnd < 0 ? line : line.substring(0, nameEnd);
            if (!metrics.contains(name)) {
                continue;
            }
            // The value follows the last space outside the labels (Spring's endpoint writes no timestamps).
            int labelsEnd = line.lastIndexOf('}');
            String[] rest = line.substring(labelsEnd < 0 ? nameEnd : labelsEnd + 1).trim().split("\\s+");
            double value = Double.parseDouble(rest[0]);
            if (!Double.isNaN(value)) {
                sums.merge(name, value, Double::sum);
            }
        }
        return sums;
    }

    private static int indexOfAny(String line, char a, char b) {
        int i = line.indexOf(a);
        int j = line.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
