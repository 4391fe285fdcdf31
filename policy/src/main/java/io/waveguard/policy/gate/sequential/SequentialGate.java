package io.waveguard.policy.gate.sequential;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One anytime-valid test for the whole release (DESIGN §4). Every period's telemetry is folded into
 * the release's {@link ReleaseEvidence}; after each period {@link #judge} says:
 *
 * <ul>
 *   <li>FAIL when any metric in any stratum crossed its rollback boundary, e ≥ 1/α_k, with α_k the
 *       test's share of the release's α (metric share × stratum share, Bonferroni), so a good
 *       release is rolled back with probability at most α whatever the number of waves and looks;
 *   <li>PASS when the error rate's confidence sequence puts the deployed/controls ratio below the
 *       entry tier's tolerance and every deployed target reports;
 *   <li>INCONCLUSIVE otherwise: keep sampling (the release controller decides how long).
 * </ul>
 *
 * Evidence never resets at a wave boundary. Both bodies call this class: the gate activity and the
 * simulator.
 */
public final class SequentialGate {

  private final SequentialGatePolicy policy;

  public SequentialGate(SequentialGatePolicy policy) {
    this.policy = policy;
  }

  /** Empty evidence for a release over these targets: its strata and grid are fixed from now on. */
  public ReleaseEvidence start(List<Target> releaseTargets) {
    List<Stratum> strata =
        Strata.forRelease(releaseTargets, policy.minStratumShare(), policy.maxStrata());
    io.waveguard.policy.model.TierTolerances tolerances = policy.tolerances();
    RatioGrid grid =
        RatioGrid.with(
            List.of(
                tolerances.low(),
                tolerances.standard(),
                tolerances.financeCritical(),
                tolerances.safetyCritical()));
    Map<String, RatioEvidence> tests = new LinkedHashMap<>();
    for (GateMetric metric : GateMetric.values()) {
      for (Stratum stratum : strata) {
        tests.put(ReleaseEvidence.key(metric, stratum), RatioEvidence.empty(grid));
      }
    }
    return new ReleaseEvidence(strata, grid, tests, 0, Coverage.full(0));
  }

  public ReleaseEvidence observe(ReleaseEvidence evidence, PeriodObservation period) {
    return evidence.fold(period);
  }

  /**
   * The verdict after the latest period.
   *
   * @param entryTier the tier of the wave that would start next; for the last wave its own tier, so
   *     a release completes only once its top tier's tolerance is shown
   * @param deployed the latest period's deployed traffic, and {@code controls} the controls', kept
   *     with the verdict for the audit trail
   */
  public GateResult judge(
      ReleaseEvidence evidence, Tier entryTier, CohortStats deployed, CohortStats controls) {
    RatioGrid grid = evidence.grid();
    Worst worst = null;
    for (GateMetric metric : GateMetric.values()) {
      for (Stratum stratum : evidence.strata()) {
        double alpha = alphaOf(metric, stratum, evidence.strata().size());
        if (alpha <= 0) {
          continue;
        }
        RatioEvidence test = evidence.test(metric, stratum);
        double margin = test.logFailEvidence(grid) + Math.log(alpha);
        if (worst == null || margin > worst.margin()) {
          worst = new Worst(metric, stratum, margin, alpha, test.estimate(grid));
        }
      }
    }
    String periods =
        "sequential test over %d period%s"
            .formatted(evidence.periods(), evidence.periods() == 1 ? "" : "s");
    if (worst != null && worst.margin() >= 0) {
      return new GateResult(
          GateVerdict.FAIL,
          "%s: %s in %s crossed the rollback boundary (e-value %s ≥ 1/α = %s, ratio ≈ %s)"
              .formatted(
                  periods,
                  worst.metric().wireName(),
                  worst.stratum().key(),
                  number(Math.exp(worst.margin()) / worst.alpha()),
                  number(1 / worst.alpha()),
                  number(worst.estimate())),
          deployed,
          controls);
    }
    RatioEvidence errors = evidence.test(GateMetric.ERRORS, Stratum.all());
    String rollback =
        worst == null
            ? ""
            : "; closest to rollback: %s in %s, e-value %s of %s"
                .formatted(
                    worst.metric().wireName(),
                    worst.stratum().key(),
                    number(Math.exp(worst.margin()) / worst.alpha()),
                    number(1 / worst.alpha()));
    if (errors.events() == 0) {
      return new GateResult(
          GateVerdict.INCONCLUSIVE,
          periods + ": no error telemetry yet, keep sampling" + rollback,
          deployed,
          controls);
    }
    double tolerance = policy.tolerances().of(entryTier);
    double entryThreshold = -Math.log(policy.entryAlpha());
    boolean bounded = errors.logEntryEvidence(grid, tolerance) >= entryThreshold;
    double upper = errors.upperBound(grid, entryThreshold);
    String bound =
        "error ratio ≈ %s, %s %% upper bound %s (%s tolerance %s)"
            .formatted(
                number(errors.estimate(grid)),
                number(100 * (1 - policy.entryAlpha())),
                Double.isInfinite(upper) ? "unbounded" : "≤ " + number(upper),
                entryTier.wireName(),
                number(tolerance));
    Coverage coverage = evidence.coverage();
    boolean covered = coverage.allows(policy.maxSilentShare());
    GateVerdict verdict = bounded && covered ? GateVerdict.PASS : GateVerdict.INCONCLUSIVE;
    StringBuilder reason = new StringBuilder(periods).append(": ").append(bound);
    if (!bounded) {
      reason.append(" not yet below the tolerance");
    }
    if (!covered) {
      reason.append("; ").append(coverage.describe()).append(", so the wave cannot pass");
    }
    reason.append(rollback);
    return new GateResult(verdict, reason.toString(), deployed, controls);
  }

  /**
   * How far {@code evidence} is from rolling back and from letting a wave of {@code entryTier} in:
   * the same margins {@link #judge} compares with zero, measured instead.
   */
  public DecisionDistance distance(ReleaseEvidence evidence, Tier entryTier) {
    RatioGrid grid = evidence.grid();
    double worst = Double.NEGATIVE_INFINITY;
    for (GateMetric metric : GateMetric.values()) {
      for (Stratum stratum : evidence.strata()) {
        double alpha = alphaOf(metric, stratum, evidence.strata().size());
        if (alpha > 0) {
          worst =
              Math.max(
                  worst, evidence.test(metric, stratum).logFailEvidence(grid) + Math.log(alpha));
        }
      }
    }
    RatioEvidence errors = evidence.test(GateMetric.ERRORS, Stratum.all());
    double entryThreshold = -Math.log(policy.entryAlpha());
    double entryEvidence = errors.logEntryEvidence(grid, policy.tolerances().of(entryTier));
    return new DecisionDistance(Math.max(0, -worst), Math.max(0, entryThreshold - entryEvidence));
  }

  /** The test's share of α: metric share × (whole release, or an even part of the strata's). */
  double alphaOf(GateMetric metric, Stratum stratum, int strata) {
    double metricAlpha = policy.alpha() * metric.alphaShare(policy);
    if (strata == 1) {
      return metricAlpha;
    }
    double overall = policy.overallStratumShare();
    return stratum.isAll() ? metricAlpha * overall : metricAlpha * (1 - overall) / (strata - 1);
  }

  private record Worst(
      GateMetric metric, Stratum stratum, double margin, double alpha, double estimate) {}

  private static String number(double value) {
    if (Double.isInfinite(value)) {
      return "∞";
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
