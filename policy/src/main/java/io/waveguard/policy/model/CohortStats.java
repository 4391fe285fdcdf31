package io.waveguard.policy.model;

/** Aggregated telemetry of a set of targets over one window. */
public record CohortStats(int targets, long requests, long errors) {

  public static final CohortStats EMPTY = new CohortStats(0, 0, 0);

  public double errorRate() {
    return requests == 0 ? 0.0 : (double) errors / requests;
  }

  public CohortStats plus(CohortStats other) {
    return new CohortStats(
        targets + other.targets, requests + other.requests, errors + other.errors);
  }
}
