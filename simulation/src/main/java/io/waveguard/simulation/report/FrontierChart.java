package io.waveguard.simulation.report;

import io.waveguard.simulation.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One line per strategy through its sweep points: time to full rollout against exposure. */
public final class FrontierChart {

  private FrontierChart() {}

  public static void write(String scenario, double magnitude, List<Sweep.Point> points, Path file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        Charts.exposureAgainstTime(
            String.format(
                Locale.ROOT,
                "%s, r = %s: exposure-against-time frontier (strictness 0.5 / 1 / 2)",
                scenario,
                label(magnitude)),
            "impact-weighted high-tier exposure of faulty releases");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setYAxisMin(0.0);
    Map<String, List<Sweep.Point>> byStrategy = new LinkedHashMap<>();
    points.forEach(p -> byStrategy.computeIfAbsent(p.strategy(), s -> new ArrayList<>()).add(p));
    for (Map.Entry<String, List<Sweep.Point>> line : byStrategy.entrySet()) {
      List<Sweep.Point> finite =
          line.getValue().stream()
              .filter(
                  p -> Double.isFinite(p.rolloutMinutes()) && Double.isFinite(p.highTierExposure()))
              .sorted(Comparator.comparingDouble(Sweep.Point::strictness))
              .toList();
      if (!finite.isEmpty()) {
        XYSeries series =
            chart.addSeries(
                line.getKey(),
                finite.stream().map(Sweep.Point::rolloutMinutes).toList(),
                finite.stream().map(Sweep.Point::highTierExposure).toList());
        series.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  public static String label(double v) {
    return Charts.label(v);
  }
}
