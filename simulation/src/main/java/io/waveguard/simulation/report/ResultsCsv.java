package io.waveguard.simulation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes results.csv: one row per (cell, strategy) plus an "oracle-floor" row per cell. */
public final class ResultsCsv {

  private static final String HEADER =
      String.join(
          ",",
          "scenario",
          "rho",
          "fault_magnitude",
          "strategy",
          "faulty_releases",
          "high_tier_exposure",
          "high_tier_exposure_lo",
          "high_tier_exposure_hi",
          "total_exposure",
          "total_exposure_lo",
          "total_exposure_hi",
          "safety_touched_rate",
          "safety_touched_rate_lo",
          "safety_touched_rate_hi",
          "high_tier_targets_touched",
          "high_tier_targets_touched_lo",
          "high_tier_targets_touched_hi",
          "detect_median_min",
          "detect_median_lo",
          "detect_median_hi",
          "detect_p95_min",
          "escape_rate",
          "escape_rate_lo",
          "escape_rate_hi",
          "good_releases",
          "rollout_median_min",
          "rollout_median_lo",
          "rollout_median_hi",
          "rollout_p90_min",
          "rollout_mean_min",
          "false_rollback_rate",
          "false_rollback_rate_lo",
          "false_rollback_rate_hi",
          "high_tier_exposure_vs_canary",
          "rollout_median_vs_canary",
          "high_tier_exposure_vs_floor",
          "total_exposure_vs_floor");

  private ResultsCsv() {}

  public static void write(List<CellSummary> cells, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (CellSummary cell : cells) {
      for (StrategySummary s : cell.strategies()) {
        StrategySummary.Faulty f = s.faulty();
        StrategySummary.Good g = s.good();
        StrategySummary.Ratios r = s.ratios();
        lines.add(
            String.join(
                ",",
                cell.scenario(),
                num(cell.rho()),
                num(cell.faultMagnitude()),
                s.name(),
                Integer.toString(f.releases()),
                triple(f.highTierExposure()),
                triple(f.totalExposure()),
                triple(f.safetyCriticalTouchedRate()),
                triple(f.highTierTargetsTouched()),
                triple(f.timeToDetectMedianMinutes()),
                num(f.timeToDetectP95Minutes()),
                triple(f.escapeRate()),
                Integer.toString(g.releases()),
                triple(g.timeToFullRolloutMedianMinutes()),
                num(g.timeToFullRolloutP90Minutes()),
                num(g.timeToFullRolloutMeanMinutes().value()),
                triple(g.falseRollbackRate()),
                num(r.highTierExposureVsCanary().value()),
                num(r.timeToFullRolloutVsCanary().value()),
                num(r.highTierExposureVsFloor().value()),
                num(r.totalExposureVsFloor().value())));
      }
      CellSummary.OracleSummary o = cell.oracle();
      StringBuilder floor =
          new StringBuilder(
              String.join(
                  ",",
                  cell.scenario(),
                  num(cell.rho()),
                  num(cell.faultMagnitude()),
                  "oracle-floor",
                  "",
                  triple(o.highTierExposure()),
                  triple(o.totalExposure())));
      long columns = HEADER.chars().filter(c -> c == ',').count();
      while (floor.chars().filter(c -> c == ',').count() < columns) {
        floor.append(',');
      }
      lines.add(floor.toString());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String triple(Estimate e) {
    return num(e.value()) + "," + num(e.low()) + "," + num(e.high());
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
  }
}
