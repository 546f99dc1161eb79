package dev.orderflow.loadtest.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn with XChart (headless). */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;

    private Charts() {
    }

    /** POST latency percentiles per phase, on a log scale (the baseline is three orders of magnitude slower). */
    static void postLatency(Path file, List<String> phases, Map<String, double[]> percentilesByPhase)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("POST /orders latency (open loop, from intended send time)")
                .xAxisTitle("load").yAxisTitle("ms (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        // Bars start at the axis minimum, which a log axis must keep above zero.
        chart.getStyler().setYAxisMin(0.1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        String[] names = {"p50", "p99", "p99.9"};
        for (int i = 0; i < names.length; i++) {
            List<Double> values = new ArrayList<>();
            for (String phase : phases) {
                values.add(Math.max(0.01, percentilesByPhase.get(phase)[i]));
            }
            chart.addSeries(names[i], phases, values);
        }
        save(chart, file);
    }

    /** One line per series: x seconds, y value. */
    static void lines(Path file, String title, String xTitle, String yTitle, Map<String, List<double[]>> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.forEach((name, points) -> {
            if (points.isEmpty()) {
                return;
            }
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        });
        save(chart, file);
    }

    /** Grouped bars: one group per category, one bar per series. */
    static void bars(Path file, String title, String yTitle, List<String> categories,
            Map<String, List<Double>> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(20);
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        save(chart, file);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
