package io.waveguard.policy.gate.sequential;

import io.waveguard.policy.model.SequentialGatePolicy;

/**
 * What the sequential gate counts. Each metric is a stream of events (an error, a crash, an
 * unavailable interval, a p99 above its target's own baseline) that fall on the deployed side or on
 * the controls' side; each spends its own share of the release's α.
 */
public enum GateMetric {
  /** Failed requests; expected share from each target's own baseline error rate. */
  ERRORS("errors"),
  /** p99 intervals above the target's own pre-release p99 by the exceedance ratio. */
  LATENCY("latency"),
  /** Process or app crashes; expected share from traffic. */
  CRASHES("crashes"),
  /** Intervals in which a target was down; expected share from intervals reported. */
  AVAILABILITY("availability");

  private final String wireName;

  GateMetric(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** This metric's share of the release's α. */
  double alphaShare(SequentialGatePolicy policy) {
    return switch (this) {
      case ERRORS -> policy.errorsShare();
      case LATENCY -> policy.latencyShare();
      case CRASHES -> policy.crashesShare();
      case AVAILABILITY -> policy.availabilityShare();
    };
  }

  /** Events of this metric in a cell. */
  long events(CohortCell cell) {
    return switch (this) {
      case ERRORS -> cell.errors();
      case LATENCY -> cell.latencyExceedances();
      case CRASHES -> cell.crashes();
      case AVAILABILITY -> cell.downIntervals();
    };
  }

  /**
   * How many events the cell would show if the release changed nothing, up to a factor common to
   * both sides of a comparison made over the same window.
   */
  double concurrentExposure(CohortCell cell) {
    return switch (this) {
      case ERRORS -> cell.expectedErrors();
      case LATENCY -> cell.latencySamples();
      case CRASHES -> cell.requests();
      case AVAILABILITY -> cell.intervals();
    };
  }

  /**
   * The same for a comparison of the same targets with their own past: their traffic mix does not
   * change, so requests (or intervals) are the exposure.
   */
  double historicalExposure(CohortCell cell) {
    return switch (this) {
      case ERRORS, CRASHES -> cell.requests();
      case LATENCY -> cell.latencySamples();
      case AVAILABILITY -> cell.intervals();
    };
  }
}
