package io.waveguard.policy.trust;

import java.time.Instant;
import java.util.List;

/**
 * A target's beta-reputation evidence with forgetting: decayed counts of good and bad outcomes as
 * of one day. Holds the evidence only; the fleet prior is added when trust is scored, so a target
 * that goes quiet drifts back to the prior rather than to "no opinion".
 *
 * @param good decayed count of good outcomes
 * @param bad decayed count of bad outcomes
 * @param asOfEpochDay the day the counts are decayed to
 */
public record TargetHistory(double good, double bad, double asOfEpochDay) {

  private static final double MILLIS_PER_DAY = 86_400_000.0;

  public TargetHistory {
    if (!(good >= 0) || !(bad >= 0) || Double.isInfinite(good) || Double.isInfinite(bad)) {
      throw new IllegalArgumentException("counts must be finite and >= 0");
    }
    if (!Double.isFinite(asOfEpochDay)) {
      throw new IllegalArgumentException("asOfEpochDay must be finite");
    }
  }

  /** No evidence yet. */
  public static TargetHistory empty(double asOfEpochDay) {
    return new TargetHistory(0, 0, asOfEpochDay);
  }

  /** Days since the epoch for an instant the caller read from its own clock. */
  public static double epochDay(Instant instant) {
    return instant.toEpochMilli() / MILLIS_PER_DAY;
  }

  /**
   * Folds time-ordered outcomes into decayed counts as of {@code nowEpochDay}: at each step α ← λα
   * + good, β ← λβ + bad with λ = 0.5^(Δt / halfLife).
   *
   * @throws IllegalArgumentException when outcomes are out of order or after now
   */
  public static TargetHistory fold(
      List<DeploymentOutcome> timeOrdered, double nowEpochDay, double halfLifeDays) {
    if (timeOrdered.isEmpty()) {
      return empty(nowEpochDay);
    }
    TargetHistory history = empty(timeOrdered.get(0).epochDay());
    for (DeploymentOutcome outcome : timeOrdered) {
      history = history.plus(outcome, halfLifeDays);
    }
    return history.decayedTo(nowEpochDay, halfLifeDays);
  }

  /** Total decayed evidence, good plus bad. */
  public double count() {
    return good + bad;
  }

  /** These counts decayed forward to a later day. */
  public TargetHistory decayedTo(double epochDay, double halfLifeDays) {
    double factor = decayFactor(epochDay, halfLifeDays);
    return new TargetHistory(good * factor, bad * factor, epochDay);
  }

  /** These counts decayed to the outcome's day, plus the outcome. */
  public TargetHistory plus(DeploymentOutcome outcome, double halfLifeDays) {
    return plus(outcome.epochDay(), outcome.good() ? 1 : 0, outcome.good() ? 0 : 1, halfLifeDays);
  }

  /** These counts decayed to {@code epochDay}, plus pre-aggregated (already decayed) counts. */
  public TargetHistory plus(double epochDay, double addGood, double addBad, double halfLifeDays) {
    TargetHistory decayed = decayedTo(epochDay, halfLifeDays);
    return new TargetHistory(decayed.good + addGood, decayed.bad + addBad, epochDay);
  }

  private double decayFactor(double epochDay, double halfLifeDays) {
    if (!(halfLifeDays > 0)) {
      throw new IllegalArgumentException("halfLifeDays must be > 0");
    }
    double elapsed = epochDay - asOfEpochDay;
    if (elapsed < 0) {
      throw new IllegalArgumentException(
          "cannot decay backwards from day %s to %s: outcomes must be time-ordered and not after now"
              .formatted(asOfEpochDay, epochDay));
    }
    return Math.pow(0.5, elapsed / halfLifeDays);
  }
}
