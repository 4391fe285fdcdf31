package io.waveguard.policy.plan;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.trust.Risk;
import io.waveguard.policy.trust.TierWeights;
import io.waveguard.policy.trust.TrustScore;
import java.util.Comparator;

/**
 * A target with the figures the planner orders it by, computed once so sorting stays cheap.
 *
 * @param impactPerEvidence impact / max(trust evidence, ε): how much is put at stake per unit of
 *     what we know about the target
 * @param priorUsed true when the target had no trust score and the prior stood in for it
 */
record RankedTarget(
    Target target,
    double impact,
    double trustLowerBound,
    double risk,
    double impactPerEvidence,
    boolean priorUsed) {

  /**
   * Guards the division for targets with no evidence at all; small enough that any real evidence
   * ranks ahead of none, and finite so such targets still order among themselves by impact.
   */
  static final double EVIDENCE_FLOOR = 1e-9;

  /**
   * Tier first, because waves may never step back to a lower tier; then ascending risk; among equal
   * risk the target better known for what it puts at stake (lower impact per unit of evidence) goes
   * first, so early waves rest on evidence rather than on the prior; the id makes it total.
   */
  static final Comparator<RankedTarget> PLAN_ORDER =
      Comparator.comparing(RankedTarget::tier)
          .thenComparingDouble(RankedTarget::risk)
          .thenComparingDouble(RankedTarget::impactPerEvidence)
          .thenComparing(RankedTarget::id);

  static RankedTarget of(Target target, TrustScore score, boolean priorUsed, TierWeights weights) {
    Risk risk = Risk.of(target, score, weights);
    double evidence = Math.max(score.evidence(), EVIDENCE_FLOOR);
    return new RankedTarget(
        target,
        risk.impact(),
        risk.trustLowerBound(),
        risk.value(),
        risk.impact() / evidence,
        priorUsed);
  }

  String id() {
    return target.id();
  }

  Tier tier() {
    return target.tier();
  }
}
