package io.waveguard.policy.model;

import java.util.Objects;

/**
 * The release's sequential gate (DESIGN §4), resolved once when the release starts and carried in
 * the workflow input, so a configuration change never changes a running release.
 *
 * @param alpha false-rollback budget of the whole release, over every wave, period, metric and
 *     stratum (0.01: one good release in a hundred rolled back at most)
 * @param entryAlpha chance that a tier is entered while the true rate ratio is above its tolerance
 * @param tolerances per tier, the ratio bound a wave must show before entering it
 * @param errorsShare share of {@code alpha} spent on the error rate; latency, crashes and
 *     availability share the rest as their own fields say (the four must sum to 1)
 * @param latencyShare share of {@code alpha} for p99 exceedances
 * @param crashesShare share of {@code alpha} for crashes
 * @param availabilityShare share of {@code alpha} for unavailable intervals
 * @param overallStratumShare share of each metric's budget for the whole release; the rest is split
 *     evenly among the strata (segments, label values)
 * @param minStratumShare a segment or label value gets its own test when it carries at least this
 *     share of the release's traffic
 * @param maxStrata strata per metric at most, the whole release included
 * @param latencyExceedanceRatio an interval "exceeds" when its p99 is above this multiple of the
 *     target's own p99 before the release
 * @param maxSilentShare share of deployed targets that may stop reporting before a pass is refused
 *     (0: silence is never health)
 * @param periodSeconds the gate looks at the telemetry after every period this long
 * @param minBakeSeconds no wave moves on before baking this long (faults with a delayed onset)
 * @param maxBakeSeconds a wave still undecided after this long pauses for a human
 * @param baselineSeconds length of the pre-release window that gives each target its baseline and
 *     the last wave its historical controls
 */
public record SequentialGatePolicy(
    double alpha,
    double entryAlpha,
    TierTolerances tolerances,
    double errorsShare,
    double latencyShare,
    double crashesShare,
    double availabilityShare,
    double overallStratumShare,
    double minStratumShare,
    int maxStrata,
    double latencyExceedanceRatio,
    double maxSilentShare,
    long periodSeconds,
    long minBakeSeconds,
    long maxBakeSeconds,
    long baselineSeconds) {

  public SequentialGatePolicy {
    Objects.requireNonNull(tolerances, "tolerances");
    requireOpenUnit(alpha, "alpha");
    requireOpenUnit(entryAlpha, "entryAlpha");
    double shares = errorsShare + latencyShare + crashesShare + availabilityShare;
    if (errorsShare <= 0 || latencyShare < 0 || crashesShare < 0 || availabilityShare < 0) {
      throw new IllegalArgumentException("errorsShare must be > 0 and the other shares >= 0");
    }
    if (Math.abs(shares - 1) > 1e-9) {
      throw new IllegalArgumentException("the four metric shares must sum to 1, not " + shares);
    }
    requireOpenUnit(overallStratumShare, "overallStratumShare");
    if (!(minStratumShare > 0 && minStratumShare <= 1)) {
      throw new IllegalArgumentException("minStratumShare must be in (0, 1]");
    }
    if (maxStrata < 1) {
      throw new IllegalArgumentException("maxStrata must be >= 1");
    }
    if (!(latencyExceedanceRatio > 1) || Double.isInfinite(latencyExceedanceRatio)) {
      throw new IllegalArgumentException("latencyExceedanceRatio must be finite and > 1");
    }
    if (!(maxSilentShare >= 0 && maxSilentShare < 1)) {
      throw new IllegalArgumentException("maxSilentShare must be in [0, 1)");
    }
    if (periodSeconds < 1 || minBakeSeconds < periodSeconds || maxBakeSeconds < minBakeSeconds) {
      throw new IllegalArgumentException(
          "need 1 <= periodSeconds <= minBakeSeconds <= maxBakeSeconds");
    }
    if (baselineSeconds < periodSeconds) {
      throw new IllegalArgumentException("baselineSeconds must be >= periodSeconds");
    }
  }

  /**
   * α 1 % per release (half to errors, 0.3 latency, 0.1 crashes, 0.1 availability; half of each to
   * the whole release, half to strata of ≥ 10 % of traffic, 12 at most), tier entry at 95 %,
   * tolerances {@link TierTolerances#defaults()}, p99 exceedance at 1.2×, no silent targets; looks
   * every minute, bakes 3 to 30 minutes, baselines from the hour before the release.
   */
  public static SequentialGatePolicy defaults() {
    return new SequentialGatePolicy(
        0.01,
        0.05,
        TierTolerances.defaults(),
        0.5,
        0.3,
        0.1,
        0.1,
        0.5,
        0.1,
        12,
        1.2,
        0.0,
        60,
        180,
        1800,
        3600);
  }

  /** The same policy with other timings (demos and tests bake for seconds). */
  public SequentialGatePolicy withTimings(
      long periodSeconds, long minBakeSeconds, long maxBakeSeconds, long baselineSeconds) {
    return new SequentialGatePolicy(
        alpha,
        entryAlpha,
        tolerances,
        errorsShare,
        latencyShare,
        crashesShare,
        availabilityShare,
        overallStratumShare,
        minStratumShare,
        maxStrata,
        latencyExceedanceRatio,
        maxSilentShare,
        periodSeconds,
        minBakeSeconds,
        maxBakeSeconds,
        baselineSeconds);
  }

  /** Periods a wave bakes at least, and at most before it pauses for a human. */
  public int minBakePeriods() {
    return (int) Math.ceil((double) minBakeSeconds / periodSeconds);
  }

  public int maxBakePeriods() {
    return (int) Math.max(minBakePeriods(), maxBakeSeconds / periodSeconds);
  }

  private static void requireOpenUnit(double value, String name) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1)");
    }
  }
}
