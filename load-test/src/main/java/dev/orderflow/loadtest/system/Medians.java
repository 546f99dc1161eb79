package dev.orderflow.loadtest.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Medians over a benchmark's runs: of an odd count the middle value, of an even count the mean of the two middle
 * values, of one run that run. A run without the figure (NaN, e.g. a histogram with no observations) is left out
 * rather than sorted in as a value; with none left the median is NaN.
 */
final class Medians {

    private Medians() {
    }

    static double of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static <T> double of(List<T> runs, ToDoubleFunction<T> figure) {
        return of(values(runs, figure));
    }

    /** Each run's figure, in run order: the values a median is taken of, for showing beside it. */
    static <T> List<Double> values(List<T> runs, ToDoubleFunction<T> figure) {
        return runs.stream().map(run -> figure.applyAsDouble(run)).toList();
    }

    /** Per key, the median over the runs that have it; keys in the order they first appear. */
    static <K> Map<K, Double> byKey(List<? extends Map<K, ? extends Number>> runs) {
        Map<K, List<Double>> values = new LinkedHashMap<>();
        for (Map<K, ? extends Number> run : runs) {
            run.forEach((key, value) -> values.computeIfAbsent(key, k -> new ArrayList<>()).add(value.doubleValue()));
        }
        Map<K, Double> medians = new LinkedHashMap<>();
        values.forEach((key, list) -> medians.put(key, of(list)));
        return medians;
    }

    /** The run whose figure is the median, for what cannot be averaged (a time series); of an even count the lower. */
    static <T> T run(List<T> runs, ToDoubleFunction<T> figure) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(figure.applyAsDouble(a), figure.applyAsDouble(b)));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
