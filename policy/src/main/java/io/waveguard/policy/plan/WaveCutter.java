package io.waveguard.policy.plan;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts targets already in plan order into waves: a wave ends once cumulative impact reaches the
 * next step, or where its tier ends, so no wave mixes tiers and every tier crossing is a wave
 * boundary where the runtime gate and approvals can act.
 */
final class WaveCutter {

  /** Relative slack so a step reached up to rounding in the running sum counts as reached. */
  private static final double STEP_TOLERANCE = 1e-12;

  private final TrustPlanParameters parameters;
  private final List<RankedTarget> ordered;
  private final boolean byCount;
  private final double total;
  private final DeployedCohort cohort = new DeployedCohort();
  private final List<PlannedWave> waves = new ArrayList<>();
  private final List<Placement> placements = new ArrayList<>();
  private double cumulative;
  private int step;

  WaveCutter(TrustPlanParameters parameters, List<RankedTarget> ordered) {
    this.parameters = parameters;
    this.ordered = ordered;
    double impact = 0;
    for (RankedTarget target : ordered) {
      impact += target.impact();
    }
    // With no impact at all (every size 0) the steps are read as shares of the target count.
    this.byCount = !(impact > 0);
    this.total = byCount ? ordered.size() : impact;
  }

  TrustPlan cut() {
    int from = 0;
    while (from < ordered.size()) {
      Tier tier = ordered.get(from).tier();
      int tierEnd = from;
      while (tierEnd < ordered.size() && ordered.get(tierEnd).tier() == tier) {
        tierEnd++;
      }
      cutTier(tier, from, tierEnd);
      from = tierEnd;
    }
    return new TrustPlan(waves, placements);
  }

  private void cutTier(Tier tier, int from, int tierEnd) {
    TierEntry entry = TierEntry.check(tier, cohort, parameters.threshold(tier));
    int minTargets = parameters.minTargetsPerWave();
    double probe = probeGoal(from, tierEnd);
    int i = from;
    while (i < tierEnd) {
      boolean probing = i == from && probe < nextGoal();
      double goal = probing ? probe : nextGoal();
      int start = i;
      while (i < tierEnd) {
        cumulative += weight(ordered.get(i++));
        if (cumulative >= goal * (1 - STEP_TOLERANCE) && i - start >= minTargets) {
          break;
        }
      }
      // A tail below the minimum joins this wave rather than forming a wave too small to judge.
      if (tierEnd - i < minTargets) {
        while (i < tierEnd) {
          cumulative += weight(ordered.get(i++));
        }
      }
      addWave(tier, entry, start == from, probing, start, i, tierEnd - from);
    }
  }

  /**
   * Where the probe wave into this tier ends: its share of the tier's impact past what is deployed
   * before it; unbounded for the first tier or with probes off.
   */
  private double probeGoal(int from, int tierEnd) {
    if (from == 0 || !(parameters.tierProbeShare() > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double tierTotal = 0;
    for (int i = from; i < tierEnd; i++) {
      tierTotal += weight(ordered.get(i));
    }
    return cumulative + parameters.tierProbeShare() * tierTotal;
  }

  /** The first step not yet reached; steps jumped by one large target are skipped. */
  private double nextGoal() {
    List<Double> steps = parameters.cumulativeImpactSteps();
    while (step < steps.size() - 1
        && cumulative >= steps.get(step) * total * (1 - STEP_TOLERANCE)) {
      step++;
    }
    return steps.get(step) * total;
  }

  private boolean stepReached() {
    return cumulative
        >= parameters.cumulativeImpactSteps().get(step) * total * (1 - STEP_TOLERANCE);
  }

  private double weight(RankedTarget target) {
    return byCount ? 1 : target.impact();
  }

  private void addWave(
      Tier tier,
      TierEntry entry,
      boolean entersTier,
      boolean probe,
      int start,
      int end,
      int tierSize) {
    int index = waves.size() + 1;
    String reason =
        String.format(
            Locale.ROOT,
            "tier %s (%d of %d in tier), cumulative %s %.2f%% (step %s%%%s); %s",
            tier.wireName(),
            end - start,
            tierSize,
            byCount ? "targets" : "impact",
            100 * cumulative / total,
            percent(parameters.cumulativeImpactSteps().get(step)),
            probe
                ? ", cut short: the tier's probe wave, %s%% of its impact"
                    .formatted(percent(parameters.tierProbeShare()))
                : stepReached() ? "" : ", cut short where the tier ends",
            entersTier ? entry.reason() : "continues tier; " + entry.shortNote());
    List<Target> members = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      RankedTarget target = ordered.get(i);
      members.add(target.target());
      placements.add(placement(target, index, i - start + 1, end - start, entry));
    }
    waves.add(new PlannedWave(index, members, reason));
    // Only after the wave: a wave's own targets are not deployed when it starts.
    for (int i = start; i < end; i++) {
      cohort.add(ordered.get(i));
    }
  }

  private static Placement placement(
      RankedTarget target, int wave, int position, int waveSize, TierEntry entry) {
    // Plain concatenation: this runs once per target and String.format would dominate the cost.
    String reason =
        "wave "
            + wave
            + ", "
            + position
            + " of "
            + waveSize
            + " by ascending risk "
            + round(target.risk())
            + " = impact "
            + round(target.impact())
            + " × (1 − trust lower bound "
            + round(target.trustLowerBound())
            + ")"
            + (target.priorUsed() ? "; no trust score, fleet prior used" : "")
            + "; "
            + entry.shortNote();
    return new Placement(
        target.id(),
        wave,
        target.tier(),
        target.impact(),
        target.trustLowerBound(),
        target.risk(),
        reason);
  }

  private static String round(double value) {
    return Double.toString(Math.round(value * 1000) / 1000.0);
  }

  private static String percent(double share) {
    return round(share * 100);
  }
}
