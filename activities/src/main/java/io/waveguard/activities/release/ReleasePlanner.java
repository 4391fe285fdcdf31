package io.waveguard.activities.release;

import io.waveguard.activities.StableHash;
import io.waveguard.activities.trust.TrustCause;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.plan.Placement;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.policy.plan.TrustPlan;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.plan.TrustWeightedPlanner;
import io.waveguard.policy.plan.WavePlanners;
import io.waveguard.policy.trust.Risk;
import io.waveguard.policy.trust.TierWeights;
import io.waveguard.policy.trust.TrustScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a release's targets with its strategy and explains every placement: the release's planning
 * activity and the API's dry run both come here, so a dry run shows exactly what a release would
 * do. Every strategy is planned with the targets' current trust in view, so a canary plan also
 * shows which risks it takes.
 */
public final class ReleasePlanner {

  private final TrustEngine trust;

  public ReleasePlanner(TrustEngine trust) {
    this.trust = trust;
  }

  /** Plans without storing anything (the dry run). */
  public TrustPlan plan(ReleaseSpec spec, List<Target> targets, Instant at) {
    return plan(spec, targets, trust.forRelease(spec.policy()).score(targets, at));
  }

  /** Plans and stores the trust snapshots the plan was made with. */
  public TrustPlan planAndRecord(ReleaseSpec spec, List<Target> targets, Instant at) {
    TrustEngine engine = trust.forRelease(spec.policy());
    return plan(
        spec, targets, engine.scoreAndRecord(targets, at, TrustCause.planning(spec.releaseId())));
  }

  /** The release's own planning parameters (resolved at start), else the server's. */
  private TrustPlanParameters planning(ReleaseSpec spec) {
    return trust.forRelease(spec.policy()).settings().planning();
  }

  private TrustPlan plan(ReleaseSpec spec, List<Target> targets, TrustEngine.Scoring scoring) {
    TrustPlanParameters planning = planning(spec);
    if (spec.strategy() == Strategy.TRUST_WEIGHTED) {
      return new TrustWeightedPlanner(planning, scoring.prior()).plan(targets, scoring.scores());
    }
    List<PlannedWave> waves =
        WavePlanners.forStrategy(spec.strategy(), planning, scoring.prior(), scoring.scores())
            .plan(seedFor(spec.releaseId()), targets, spec.policy());
    return new TrustPlan(waves, placements(spec, waves, scoring));
  }

  /** The seed the canary shuffles with: stable across JVMs, so a re-plan gives the same order. */
  static long seedFor(String releaseId) {
    return StableHash.of(releaseId);
  }

  private List<Placement> placements(
      ReleaseSpec spec, List<PlannedWave> waves, TrustEngine.Scoring scoring) {
    Strategy strategy = spec.strategy();
    TierWeights weights = planning(spec).tierWeights();
    List<Placement> placements = new ArrayList<>();
    for (PlannedWave wave : waves) {
      for (Target target : wave.targets()) {
        TrustScore score = scoring.scores().getOrDefault(target.id(), scoring.prior());
        Risk risk = Risk.of(target, score, weights);
        placements.add(
            new Placement(
                target.id(),
                wave.index(),
                target.tier(),
                risk.impact(),
                risk.trustLowerBound(),
                risk.value(),
                "wave "
                    + wave.index()
                    + " by the "
                    + strategy.wireName()
                    + " strategy ("
                    + wave.reason()
                    + "); trust is not used to order it"));
      }
    }
    return placements;
  }
}
