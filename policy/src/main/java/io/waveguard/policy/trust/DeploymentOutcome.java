package io.waveguard.policy.trust;

/**
 * One piece of evidence about a target: a deployment that went well, or one that did not (incident,
 * rollback, crash burst attributed to the target).
 *
 * @param epochDay when it happened, in days since 1970-01-01 UTC (fractions allowed); see {@link
 *     TargetHistory#epochDay}
 * @param good true for a successful deployment, false for an incident, rollback or crash burst
 */
public record DeploymentOutcome(double epochDay, boolean good) {

  public DeploymentOutcome {
    if (!Double.isFinite(epochDay)) {
      throw new IllegalArgumentException("epochDay must be finite");
    }
  }

  public static DeploymentOutcome good(double epochDay) {
    return new DeploymentOutcome(epochDay, true);
  }

  public static DeploymentOutcome bad(double epochDay) {
    return new DeploymentOutcome(epochDay, false);
  }
}
