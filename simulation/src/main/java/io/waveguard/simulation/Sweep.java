package io.waveguard.simulation;

import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TierTolerances;
import io.waveguard.simulation.report.CellSummary;
import io.waveguard.simulation.report.FrontierChart;
import io.waveguard.simulation.report.ProgressBar;
import io.waveguard.simulation.report.StrategySummary;
import io.waveguard.simulation.scenario.PolicySpec;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.SequentialGateSpec;
import io.waveguard.simulation.scenario.SimulationPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exposure-against-time frontier: the same scenario run at several strictness levels k, each
 * strategy tracing a line from fast and exposed to slow and safe. k scales what each gate trades:
 * the sequential gate's minimum bake (× k) and its tier tolerances (excess over 1 divided by k);
 * the per-wave gate's fixed bake (× k). k = 1 is the shipped defaults.
 */
public final class Sweep {

  /** One strategy at one strictness in one cell. */
  public record Point(
      String strategy,
      double strictness,
      double faultMagnitude,
      double rolloutMinutes,
      double highTierExposure) {}

  private Sweep() {}

  public static List<Point> run(
      Scenario base,
      List<Double> strictness,
      int threads,
      PrintStream out,
      PrintStream err,
      Path dir)
      throws IOException {
    List<Point> points = new ArrayList<>();
    for (double k : strictness) {
      Scenario scenario = at(base, k);
      err.printf(Locale.ROOT, "sweep: strictness %.2f%n", k);
      List<CellRuns> runs = new SimulationRunner(threads, new ProgressBar(err)).run(scenario);
      for (CellSummary cell : SimulationReport.of(scenario, runs).cells()) {
        for (StrategySummary s : cell.strategies()) {
          points.add(
              new Point(
                  s.name(),
                  k,
                  cell.faultMagnitude(),
                  s.good().timeToFullRolloutMedianMinutes().value(),
                  s.faulty().highTierExposure().value()));
        }
      }
    }
    Files.createDirectories(dir);
    StringBuilder table =
        new StringBuilder(
            "strategy,strictness,fault_magnitude,rollout_median_min,high_tier_exposure\n");
    for (Point p : points) {
      table.append(
          String.format(
              Locale.ROOT,
              "%s,%.2f,%.2f,%.1f,%.4f%n",
              p.strategy(),
              p.strictness(),
              p.faultMagnitude(),
              p.rolloutMinutes(),
              p.highTierExposure()));
    }
    out.print(table);
    Files.writeString(dir.resolve("frontier.csv"), table.toString());
    Map<Double, List<Point>> byMagnitude = new LinkedHashMap<>();
    points.forEach(
        p -> byMagnitude.computeIfAbsent(p.faultMagnitude(), m -> new ArrayList<>()).add(p));
    for (Map.Entry<Double, List<Point>> cell : byMagnitude.entrySet()) {
      FrontierChart.write(
          base.name(),
          cell.getKey(),
          cell.getValue(),
          dir.resolve("frontier-r_" + FrontierChart.label(cell.getKey()) + ".png"));
    }
    return points;
  }

  /** The scenario at strictness k. */
  static Scenario at(Scenario base, double k) {
    PolicySpec p = base.policy();
    SequentialGateSpec g = p.sequentialGate();
    Map<String, Double> tolerances = new LinkedHashMap<>();
    TierTolerances defaults =
        SimulationPolicy.from(p).sequentialRelease().sequentialGate().tolerances();
    for (Tier tier : Tier.values()) {
      tolerances.put(tier.wireName(), 1 + (defaults.of(tier) - 1) / k);
    }
    long period = g.periodSeconds();
    long minBake = Math.max(period, Math.round(g.minBakeSeconds() * k / period) * period);
    SequentialGateSpec gate =
        new SequentialGateSpec(
            g.alpha(),
            g.entryAlpha(),
            tolerances,
            period,
            minBake,
            Math.max(minBake, g.maxBakeSeconds()),
            g.baselineSeconds(),
            g.latencyExceedanceRatio(),
            g.minStratumShare());
    PolicySpec policy =
        new PolicySpec(
            Math.max(60, Math.round(p.bakeSeconds() * k / 60.0) * 60),
            p.maxBakeExtensions(),
            p.firstWavePercent(),
            p.waveGrowthFactor(),
            p.minRequestsPerCohort(),
            p.approvalTiers(),
            p.minEvidenceRequests(),
            p.gate(),
            gate,
            p.trust(),
            p.plan());
    return base.withPolicy(policy);
  }
}
