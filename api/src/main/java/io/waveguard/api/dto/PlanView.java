package io.waveguard.api.dto;

import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.Placement;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.policy.plan.TrustPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of POST /api/v1/plans: what a release with this body would do, starting nothing.
 *
 * @param plannedAt the instant whose trust the plan used: the targets' history up to it and their
 *     telemetry in the windows ending at it; every page of one dry run shares it
 * @param waves every wave in order, each with why it was cut where it was
 * @param placements targets in deployment order with their trust, impact, risk and the reason for
 *     their place: all of them, or over HTTP one page of them
 * @param nextCursor where the next page of placements starts, or null when this is the last
 */
public record PlanView(
    String service,
    String version,
    Strategy strategy,
    Instant plannedAt,
    int targetCount,
    List<Wave> waves,
    List<Placement> placements,
    String nextCursor) {

  /**
   * One planned wave.
   *
   * @param earliestStart when it could start at the earliest: inside the policy's change windows,
   *     if every wave before it passed at its minimum bake and no approval kept it waiting; null
   *     when the calendar allows no time for it within a year
   */
  public record Wave(
      int index,
      int targetCount,
      Tier highestTier,
      double impact,
      String reason,
      Instant earliestStart) {}

  /**
   * @param earliestStarts each wave's earliest start, in wave order; shorter than the plan when the
   *     calendar runs out
   */
  public static PlanView of(
      String service,
      String version,
      Strategy strategy,
      Instant plannedAt,
      TrustPlan plan,
      List<Instant> earliestStarts) {
    List<Wave> waves = new ArrayList<>();
    for (int i = 0; i < plan.waves().size(); i++) {
      PlannedWave w = plan.waves().get(i);
      waves.add(
          new Wave(
              w.index(),
              w.targets().size(),
              w.summary().highestTier(),
              w.summary().impact(),
              w.reason(),
              i < earliestStarts.size() ? earliestStarts.get(i) : null));
    }
    return new PlanView(
        service,
        version,
        strategy,
        plannedAt,
        plan.placements().size(),
        List.copyOf(waves),
        plan.placements(),
        null);
  }

  /** The same plan with only placements {@code [from, to)}; the waves stay whole. */
  public PlanView placements(int from, int to, String nextCursor) {
    return new PlanView(
        service,
        version,
        strategy,
        plannedAt,
        targetCount,
        waves,
        List.copyOf(placements.subList(from, to)),
        nextCursor);
  }
}
