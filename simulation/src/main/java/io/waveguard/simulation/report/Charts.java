package io.waveguard.simulation.report;

import io.waveguard.policy.model.Tier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts with XChart: per rho, high-tier exposure of faulty releases against the median time to
 * full rollout of good ones (one marker per strategy and fault magnitude, 95 % error bars); per
 * cell, the exposure of each tier per strategy.
 */
public final class Charts {

  private Charts() {}

  /** Writes every chart into {@code dir}; returns the files written. */
  public static List<Path> write(List<CellSummary> cells, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    Map<Double, List<CellSummary>> byRho = new LinkedHashMap<>();
    cells.forEach(c -> byRho.computeIfAbsent(c.rho(), k -> new ArrayList<>()).add(c));
    for (Map.Entry<Double, List<CellSummary>> rho : byRho.entrySet()) {
      Path file = dir.resolve("exposure-vs-time-rho_" + label(rho.getKey()) + ".png");
      save(exposureVsTime(rho.getKey(), rho.getValue()), file);
      written.add(file);
    }
    for (CellSummary cell : cells) {
      Path file =
          dir.resolve(
              "tier-exposure-rho_"
                  + label(cell.rho())
                  + "-r_"
                  + label(cell.faultMagnitude())
                  + ".png");
      save(tierExposure(cell), file);
      written.add(file);
    }
    return written;
  }

  /** An exposure-against-time chart: time of good releases across, exposure of faulty ones up. */
  static XYChart exposureAgainstTime(String title, String yAxis) {
    return new XYChartBuilder()
        .width(900)
        .height(560)
        .title(title)
        .xAxisTitle("median time to full rollout of good releases (virtual minutes)")
        .yAxisTitle(yAxis)
        .build();
  }

  private static XYChart exposureVsTime(double rho, List<CellSummary> cells) {
    XYChart chart =
        exposureAgainstTime(
            String.format(
                Locale.ROOT,
                "%s, rho = %s: high-tier exposure of faulty releases vs. time to full rollout",
                cells.get(0).scenario(),
                label(rho)),
            "impact-weighted high-tier exposure (one marker per fault magnitude r)");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(9);
    int strategies = cells.get(0).strategies().size();
    for (int k = 0; k < strategies; k++) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<Double> error = new ArrayList<>();
      String name = cells.get(0).strategies().get(k).name();
      for (CellSummary cell : cells) {
        StrategySummary s = cell.strategies().get(k);
        double time = s.good().timeToFullRolloutMedianMinutes().value();
        Estimate exposure = s.faulty().highTierExposure();
        if (Double.isFinite(time) && exposure.defined()) {
          x.add(time);
          y.add(exposure.value());
          error.add(Double.isFinite(exposure.high()) ? exposure.high() - exposure.value() : 0);
        }
      }
      if (!x.isEmpty()) {
        XYSeries series = chart.addSeries(name, x, y, error);
        series.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  private static CategoryChart tierExposure(CellSummary cell) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(520)
            .title(
                String.format(
                    Locale.ROOT,
                    "%s, rho = %s, r = %s: exposure per tier (faulty releases)",
                    cell.scenario(),
                    label(cell.rho()),
                    label(cell.faultMagnitude())))
            .xAxisTitle("strategy")
            .yAxisTitle("impact-weighted share of the tier that ran the faulty build")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    List<String> names = cell.strategies().stream().map(StrategySummary::name).toList();
    for (Tier tier : Tier.values()) {
      List<Double> values =
          cell.strategies().stream()
              .map(s -> s.faulty().tierExposure().get(tier.wireName()).value())
              .map(v -> Double.isFinite(v) ? v : 0.0)
              .toList();
      chart.addSeries(tier.wireName(), names, values);
    }
    return chart;
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file)
      throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  static String label(double v) {
    return v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
