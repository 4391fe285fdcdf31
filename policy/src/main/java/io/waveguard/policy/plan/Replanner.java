package io.waveguard.policy.plan;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.trust.TrustScore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Re-plans the rest of a release after a wave passed (DESIGN §4): the remaining targets are ranked
 * again by their fresh trust and refilled into the remaining waves, and the next wave's tier entry
 * is checked against the cohort that is actually deployed.
 *
 * <p>Each remaining wave keeps its size and tier, so the workflow's view of the plan (counts and
 * tiers, for approvals) stays valid; only which target lands in which wave of a tier changes. A
 * tier's threshold is enforced here, at run time, because at plan time the cohort's trust was only
 * a forecast.
 */
public final class Replanner {

  private final TrustPlanParameters parameters;
  private final TrustScore prior;

  public Replanner(TrustPlanParameters parameters, TrustScore prior) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.prior = Objects.requireNonNull(prior, "prior");
  }

  /**
   * @param remaining the waves not yet deployed, in order
   * @param deployed the targets deployed so far
   * @param trust fresh trust of deployed and remaining targets; missing ones get the prior
   * @param deployedRequests requests the deployed cohort served on the new version so far
   * @param minEvidenceRequests requests the gate needs seen before a higher tier is entered
   */
  public Replan replan(
      List<PlannedWave> remaining,
      List<Target> deployed,
      Map<String, TrustScore> trust,
      long deployedRequests,
      long minEvidenceRequests) {
    DeployedCohort cohort = cohort(deployed, trust);
    List<PlannedWave> reordered = new ArrayList<>(remaining.size());
    int moved = 0;
    int from = 0;
    while (from < remaining.size()) {
      Tier tier = tierOf(remaining.get(from));
      int to = from;
      while (to < remaining.size() && tierOf(remaining.get(to)) == tier) {
        to++;
      }
      moved += refill(remaining.subList(from, to), trust, reordered);
      from = to;
    }
    Optional<String> hold =
        remaining.isEmpty()
            ? Optional.empty()
            : tierHold(
                remaining.get(0),
                highestTier(deployed),
                cohort,
                deployedRequests,
                minEvidenceRequests);
    String reason =
        String.format(
            Locale.ROOT,
            "re-planned %d remaining waves by fresh trust: %d targets moved; deployed cohort"
                + " trust %.3f over %d targets",
            remaining.size(),
            moved,
            cohort.trust(),
            deployed.size());
    return new Replan(reordered, moved, cohort.trust(), hold, reason);
  }

  /** Ranks one tier's remaining targets again and refills its waves at their old sizes. */
  private int refill(
      List<PlannedWave> tierWaves, Map<String, TrustScore> trust, List<PlannedWave> into) {
    List<RankedTarget> ranked = new ArrayList<>();
    for (PlannedWave wave : tierWaves) {
      for (Target target : wave.targets()) {
        ranked.add(rank(target, trust));
      }
    }
    ranked.sort(RankedTarget.PLAN_ORDER);
    int moved = 0;
    int next = 0;
    for (PlannedWave wave : tierWaves) {
      List<Target> members = new ArrayList<>(wave.targets().size());
      Set<String> before = new HashSet<>();
      wave.targets().forEach(t -> before.add(t.id()));
      for (int i = 0; i < wave.targets().size(); i++) {
        Target target = ranked.get(next++).target();
        members.add(target);
        if (!before.contains(target.id())) {
          moved++;
        }
      }
      into.add(new PlannedWave(wave.index(), members, wave.reason()));
    }
    return moved;
  }

  /**
   * Whether {@code next} may start, without re-ordering anything: used on its own by strategies
   * that keep their order but still respect tier thresholds. Empty when it may start.
   */
  public Optional<String> tierEntryHold(
      PlannedWave next,
      List<Target> deployed,
      Map<String, TrustScore> trust,
      long deployedRequests,
      long minEvidenceRequests) {
    return tierHold(
        next,
        highestTier(deployed),
        cohort(deployed, trust),
        deployedRequests,
        minEvidenceRequests);
  }

  private DeployedCohort cohort(List<Target> deployed, Map<String, TrustScore> trust) {
    DeployedCohort cohort = new DeployedCohort();
    for (Target target : deployed) {
      cohort.add(rank(target, trust));
    }
    return cohort;
  }

  private static Tier highestTier(List<Target> targets) {
    Tier highest = null;
    for (Target target : targets) {
      highest = max(highest, target.tier());
    }
    return highest;
  }

  private Optional<String> tierHold(
      PlannedWave next,
      Tier highestDeployed,
      DeployedCohort cohort,
      long deployedRequests,
      long minEvidenceRequests) {
    Tier tier = tierOf(next);
    if (highestDeployed != null && tier.compareTo(highestDeployed) <= 0) {
      return Optional.empty(); // not a tier entry: the tier was entered when its threshold held
    }
    double threshold = parameters.threshold(tier);
    if (cohort.trust() < threshold) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "wave %d enters tier %s, which needs deployed cohort trust >= %.3f; the cohort has"
                  + " %.3f",
              next.index(),
              tier.wireName(),
              threshold,
              cohort.trust()));
    }
    if (threshold > 0 && deployedRequests < minEvidenceRequests) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "wave %d enters tier %s, which needs %d requests of evidence on the new version;"
                  + " the deployed cohort served %d",
              next.index(),
              tier.wireName(),
              minEvidenceRequests,
              deployedRequests));
    }
    return Optional.empty();
  }

  private RankedTarget rank(Target target, Map<String, TrustScore> trust) {
    TrustScore score = trust.get(target.id());
    boolean priorUsed = score == null;
    return RankedTarget.of(target, priorUsed ? prior : score, priorUsed, parameters.tierWeights());
  }

  private static Tier tierOf(PlannedWave wave) {
    return wave.summary().highestTier();
  }

  private static Tier max(Tier a, Tier b) {
    return a == null || b.compareTo(a) > 0 ? b : a;
  }
}
