package io.waveguard.api.api;

import io.waveguard.workflows.model.Strategy;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.policy.PlannedWave;
import io.waveguard.workflows.policy.plan.Placement;
import io.waveguard.workflows.policy.plan.TrustPlan;
import java.util.List;

/**
 * Body of POST /api/v1/plans: what a release with this body would do, starting nothing.
 *
 * @param waves the waves in order, each with why it was cut where it was
 * @param placements every target in deployment order with its trust, impact, risk and the reason
 *     for its place
 */
public record PlanView(
    String service,
    String version,
    Strategy strategy,
    int targetCount,
    List<Wave> waves,
    List<Placement> placements) {

  /** One planned wave. */
  public record Wave(int index, int targetCount, Tier highestTier, double impact, String reason) {}

  public static PlanView of(String service, String version, Strategy strategy, TrustPlan plan) {
    List<Wave> waves =
        plan.waves().stream()
            .map(
                (PlannedWave w) ->
                    new Wave(
                        w.index(),
                        w.targets().size(),
                        w.summary().highestTier(),
                        w.summary().impact(),
                        w.reason()))
            .toList();
    return new PlanView(
        service, version, strategy, plan.placements().size(), waves, plan.placements());
  }
}
