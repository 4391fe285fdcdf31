package io.waveguard.activities.trust;

import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TrustParameters;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the trust engine is configured with; {@link #defaults()} lists the defaults.
 *
 * @param model the trust model's constants (half-life, prior, blend, credible bound, health SLOs)
 * @param planning tier weights, tier thresholds and wave steps of trust-weighted planning
 * @param attribution how a finished release's telemetry is turned into outcomes
 * @param healthWindow live health is read over this window before the moment of scoring (15 min)
 * @param baselineWindow a target's own baseline is its telemetry over this window just before the
 *     health window (45 min), so 60 one-minute windows per target make one trust computation
 * @param fitPriorToFleet fit the Beta prior to the scored targets' records (method of moments)
 *     rather than use the configured one (true)
 */
public record TrustSettings(
    TrustParameters model,
    TrustPlanParameters planning,
    OutcomeAttribution.Parameters attribution,
    Duration healthWindow,
    Duration baselineWindow,
    boolean fitPriorToFleet) {

  public TrustSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(planning, "planning");
    Objects.requireNonNull(attribution, "attribution");
    if (healthWindow == null || healthWindow.isNegative() || healthWindow.isZero()) {
      throw new IllegalArgumentException("healthWindow must be > 0");
    }
    if (baselineWindow == null || baselineWindow.isNegative() || baselineWindow.isZero()) {
      throw new IllegalArgumentException("baselineWindow must be > 0");
    }
  }

  /** The same settings with another trust model and planning (a release's own). */
  public TrustSettings with(TrustParameters newModel, TrustPlanParameters newPlanning) {
    return new TrustSettings(
        newModel, newPlanning, attribution, healthWindow, baselineWindow, fitPriorToFleet);
  }

  public static TrustSettings defaults() {
    return new TrustSettings(
        TrustParameters.defaults(),
        TrustPlanParameters.defaults(),
        OutcomeAttribution.Parameters.defaults(),
        Duration.ofMinutes(15),
        Duration.ofMinutes(45),
        true);
  }
}
