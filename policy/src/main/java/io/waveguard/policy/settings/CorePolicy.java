package io.waveguard.policy.settings;

import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TrustPolicy;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TrustParameters;
import java.util.Objects;

/**
 * The policy core's parameter records that one {@link PolicySettings} describes, each already
 * checked by its own constructor.
 *
 * @param release the release's own knobs with the per-wave gate (no sequential gate, no trust)
 * @param sequentialGate the release-wide sequential gate a release runs unless it asks otherwise
 * @param gate the per-wave gate
 * @param trust the trust model, before any prior is fitted to a fleet
 * @param fitPrior whether the prior is fitted to the scored fleet
 * @param plan trust-weighted planning
 * @param attribution outcome attribution
 */
public record CorePolicy(
    ReleasePolicy release,
    SequentialGatePolicy sequentialGate,
    GateParameters gate,
    TrustParameters trust,
    boolean fitPrior,
    TrustPlanParameters plan,
    OutcomeAttribution.Parameters attribution) {

  public CorePolicy {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(sequentialGate, "sequentialGate");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(attribution, "attribution");
  }

  /** The release's knobs with the release-wide sequential gate. */
  public ReleasePolicy sequentialRelease() {
    return release.withSequentialGate(sequentialGate);
  }

  /** The trust model and planning a release carries in its input. */
  public TrustPolicy trustPolicy() {
    return new TrustPolicy(trust, plan);
  }
}
