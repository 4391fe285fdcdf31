package io.waveguard.policy.model;

import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.TrustParameters;
import java.util.Objects;

/**
 * The trust model and trust-weighted planning a release was started with, resolved from the
 * server's {@code trust:} configuration at start, so a configuration change never changes how a
 * running release plans, re-plans or enters a tier.
 *
 * @param model the trust model's constants (half-life, prior, blend, credible bound, health SLOs)
 * @param planning tier weights, tier thresholds and wave steps
 */
public record TrustPolicy(TrustParameters model, TrustPlanParameters planning) {

  public TrustPolicy {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(planning, "planning");
  }
}
