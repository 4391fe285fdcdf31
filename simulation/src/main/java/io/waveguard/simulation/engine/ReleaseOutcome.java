package io.waveguard.simulation.engine;

import io.waveguard.policy.model.ReleaseStatus;

/**
 * How one release of one strategy ended, with the figures the experiment aggregates.
 *
 * @param tierExposure impact-weighted share of each tier (by ordinal) that ran the build
 * @param highTierExposure the same over finance- and safety-critical together
 * @param totalExposure the same over the whole fleet
 * @param highTierTouched finance- and safety-critical targets that ran the build
 * @param safetyTouched whether any safety-critical target ran it
 * @param detectMinutes virtual minutes from start to the first failed gate; NaN when none failed
 * @param finishMinutes virtual minutes from start to the final status
 * @param holds operator resumes the release needed
 */
public record ReleaseOutcome(
    boolean faulty,
    ReleaseStatus status,
    double[] tierExposure,
    double highTierExposure,
    double totalExposure,
    int highTierTouched,
    boolean safetyTouched,
    double detectMinutes,
    double finishMinutes,
    int waves,
    int holds) {

  public boolean completed() {
    return status == ReleaseStatus.COMPLETED;
  }

  public boolean rolledBack() {
    return status == ReleaseStatus.ROLLED_BACK;
  }

  public boolean detected() {
    return !Double.isNaN(detectMinutes);
  }
}
