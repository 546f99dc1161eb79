package dev.orderflow.loadtest.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram timer as a service publishes it on {@code /actuator/prometheus} (Micrometer's percentile histogram:
 * cumulative {@code _bucket{le=...}} counts). Two scrapes, before and after a phase, give that phase's distribution;
 * a percentile is the upper bound of the bucket it falls in, so it is as coarse as Micrometer's buckets.
 */
final class PrometheusHistogram {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** Cumulative counts by upper bound (seconds); +Inf as {@link Double#POSITIVE_INFINITY}. */
    record Snapshot(TreeMap<Double, Double> buckets) {

        Snapshot minus(Snapshot earlier) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            buckets.forEach((le, count) -> delta.put(le, count - earlier.buckets.getOrDefault(le, 0.0)));
            return new Snapshot(delta);
        }

        double count() {
            return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        }

        /** The bucket bound (in ms) under which {@code percentile} % of the observations fall; NaN if none. */
        double percentileMillis(double percentile) {
            double total = count();
            if (total <= 0) {
                return Double.NaN;
            }
            double wanted = total * percentile / 100.0;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= wanted) {
                    return bucket.getKey() * 1000.0;
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    private final URI prometheus;
    private final String metric;
    private final String labelFilter;

    /**
     * @param metric      e.g. {@code orderflow_outbox_publish_latency_seconds}
     * @param labelFilter a label that must be on the line, e.g. {@code since="commit"}; empty for any
     */
    PrometheusHistogram(URI serviceBase, String metric, String labelFilter) {
        this.prometheus = serviceBase.resolve("/actuator/prometheus");
        this.metric = metric;
        this.labelFilter = labelFilter;
    }

    Snapshot scrape() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        try {
            String text = HTTP.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (!line.startsWith(metric + "_bucket{") || !line.contains(labelFilter)) {
                    continue;
                }
                Matcher le = LE.matcher(line);
                if (!le.find()) {
                    continue;
                }
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                buckets.merge(bound, count, Double::sum);
            }
        } catch (IOException e) {
            // leaves the snapshot empty: the report shows the figure as missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Snapshot(buckets);
    }
}
