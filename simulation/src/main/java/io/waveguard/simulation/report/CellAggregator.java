package io.waveguard.simulation.report;

import io.waveguard.policy.model.Tier;
import io.waveguard.simulation.CellRuns;
import io.waveguard.simulation.engine.OracleFloor;
import io.waveguard.simulation.engine.ReleaseOutcome;
import io.waveguard.simulation.engine.SimStrategy;
import io.waveguard.simulation.world.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** Turns a cell's raw outcomes into its summary: estimates, intervals and paired ratios. */
public final class CellAggregator {

  private CellAggregator() {}

  public static CellSummary summarize(CellRuns cell) {
    long bootstrap =
        Rng.mix(Double.doubleToLongBits(cell.rho()), (long) (cell.faultMagnitude() * 1e6));
    double[][] floorHigh = floors(cell, OracleFloor.Floor::highTierExposure);
    double[][] floorTotal = floors(cell, OracleFloor.Floor::totalExposure);
    double[][] floorRequests = floors(cell, f -> f.requestsNeeded());
    CellSummary.OracleSummary oracle =
        new CellSummary.OracleSummary(
            Stats.clusteredMean(floorHigh, Rng.mix(bootstrap, 1)),
            Stats.clusteredMean(floorTotal, Rng.mix(bootstrap, 2)),
            Stats.quantile(Stats.flatten(floorRequests, null), 0.5));
    ReleaseOutcome[][] canary =
        cell.strategies().contains(SimStrategy.CANARY) ? cell.of(SimStrategy.CANARY) : null;
    List<StrategySummary> strategies = new ArrayList<>();
    for (SimStrategy strategy : cell.strategies()) {
      long seed = Rng.mix(bootstrap, strategy.ordinal() + 10);
      strategies.add(summarize(strategy, cell.of(strategy), canary, floorHigh, floorTotal, seed));
    }
    return new CellSummary(
        cell.scenario(),
        cell.rho(),
        cell.faultMagnitude(),
        cell.seeds(),
        cell.outcomes()[0][0].length,
        strategies,
        oracle);
  }

  private static StrategySummary summarize(
      SimStrategy strategy,
      ReleaseOutcome[][] runs,
      ReleaseOutcome[][] canary,
      double[][] floorHigh,
      double[][] floorTotal,
      long seed) {
    Predicate<ReleaseOutcome> faulty = ReleaseOutcome::faulty;
    Predicate<ReleaseOutcome> good = o -> !o.faulty();
    double[][] high = values(runs, faulty, ReleaseOutcome::highTierExposure);
    double[][] total = values(runs, faulty, ReleaseOutcome::totalExposure);
    Map<String, Estimate> tiers = new LinkedHashMap<>();
    for (Tier tier : Tier.values()) {
      double[][] exposure = values(runs, faulty, o -> o.tierExposure()[tier.ordinal()]);
      tiers.put(tier.wireName(), Stats.clusteredMean(exposure, Rng.mix(seed, 20 + tier.ordinal())));
    }
    double[][] detect =
        values(runs, o -> o.faulty() && o.detected(), ReleaseOutcome::detectMinutes);
    int faultyCount = count(runs, faulty);
    StrategySummary.Faulty faultySummary =
        new StrategySummary.Faulty(
            faultyCount,
            Stats.clusteredMean(high, Rng.mix(seed, 1)),
            Stats.clusteredMean(total, Rng.mix(seed, 2)),
            tiers,
            rate(runs, faulty, ReleaseOutcome::safetyTouched, Rng.mix(seed, 12)),
            Stats.clusteredMean(values(runs, faulty, o -> o.highTierTouched()), Rng.mix(seed, 3)),
            count(runs, o -> o.faulty() && o.detected()),
            Stats.clusteredQuantile(detect, 0.5, Rng.mix(seed, 4)),
            Stats.quantile(Stats.flatten(detect, null), 0.95),
            rate(runs, faulty, ReleaseOutcome::completed, Rng.mix(seed, 13)),
            rate(runs, faulty, o -> o.totalExposure() >= 1 - 1e-12, Rng.mix(seed, 14)));
    double[][] rollout =
        values(runs, o -> !o.faulty() && o.completed(), ReleaseOutcome::finishMinutes);
    int goodCount = count(runs, good);
    StrategySummary.Good goodSummary =
        new StrategySummary.Good(
            goodCount,
            Stats.clusteredQuantile(rollout, 0.5, Rng.mix(seed, 5)),
            Stats.quantile(Stats.flatten(rollout, null), 0.9),
            Stats.clusteredMean(rollout, Rng.mix(seed, 6)),
            rate(runs, good, ReleaseOutcome::rolledBack, Rng.mix(seed, 15)),
            Stats.mean(Stats.flatten(values(runs, good, o -> o.holds()), null)));
    StrategySummary.Ratios ratios =
        new StrategySummary.Ratios(
            canary == null
                ? Estimate.NONE
                : Stats.pairedRatio(
                    high,
                    values(canary, faulty, ReleaseOutcome::highTierExposure),
                    Rng.mix(seed, 7)),
            canary == null
                ? Estimate.NONE
                : Stats.pairedRatio(
                    total, values(canary, faulty, ReleaseOutcome::totalExposure), Rng.mix(seed, 8)),
            canary == null
                ? Estimate.NONE
                : Stats.pairedRatio(
                    rollout,
                    values(
                        canary, o -> !o.faulty() && o.completed(), ReleaseOutcome::finishMinutes),
                    Rng.mix(seed, 9),
                    v -> Stats.quantile(v, 0.5)),
            Stats.pairedRatio(errorOnly(high, floorHigh), floorHigh, Rng.mix(seed, 10)),
            Stats.pairedRatio(errorOnly(total, floorTotal), floorTotal, Rng.mix(seed, 11)));
    return new StrategySummary(strategy.wireName(), faultySummary, goodSummary, ratios);
  }

  /**
   * The strategy's values restricted to the faulty releases that have a floor (an error effect to
   * detect), so strategy and floor average over the same releases.
   */
  private static double[][] errorOnly(double[][] values, double[][] floors) {
    double[][] kept = new double[values.length][];
    for (int s = 0; s < values.length; s++) {
      kept[s] = floors[s].length == values[s].length ? values[s] : new double[0];
    }
    return kept;
  }

  private static double[][] floors(CellRuns cell, ToDoubleFunction<OracleFloor.Floor> metric) {
    double[][] bySeed = new double[cell.seeds()][];
    for (int s = 0; s < cell.seeds(); s++) {
      bySeed[s] =
          java.util.Arrays.stream(cell.floors()[s])
              .filter(f -> f != null)
              .mapToDouble(metric)
              .toArray();
    }
    return bySeed;
  }

  private static double[][] values(
      ReleaseOutcome[][] runs,
      Predicate<ReleaseOutcome> keep,
      ToDoubleFunction<ReleaseOutcome> metric) {
    double[][] bySeed = new double[runs.length][];
    for (int s = 0; s < runs.length; s++) {
      bySeed[s] = java.util.Arrays.stream(runs[s]).filter(keep).mapToDouble(metric).toArray();
    }
    return bySeed;
  }

  private static Estimate rate(
      ReleaseOutcome[][] runs,
      Predicate<ReleaseOutcome> among,
      Predicate<ReleaseOutcome> event,
      long bootstrapSeed) {
    return Stats.rate(values(runs, among, o -> event.test(o) ? 1 : 0), bootstrapSeed);
  }

  private static int count(ReleaseOutcome[][] runs, Predicate<ReleaseOutcome> keep) {
    int n = 0;
    for (ReleaseOutcome[] seed : runs) {
      for (ReleaseOutcome outcome : seed) {
        n += keep.test(outcome) ? 1 : 0;
      }
    }
    return n;
  }
}
