package io.waveguard.simulation.engine;

import io.waveguard.policy.gate.sequential.CohortCell;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.Rng;
import io.waveguard.simulation.world.SimulatedFleet;
import io.waveguard.simulation.world.SimulatedWorld;

/**
 * Each target's baseline as a gate activity knows it: its errors over the pre-release window, drawn
 * once per release, and the error rate the policy core estimates from them. Gates never see the
 * true rates, so their false-rollback figures carry the estimation noise production has.
 */
final class BaselineEstimates {

  private static final long BASELINE = 41;

  private final double minutes;
  private final long[] errors;
  private final double[] rates;

  BaselineEstimates(SimulatedWorld world, ReleaseCase release) {
    SimulatedFleet fleet = world.fleet();
    this.minutes = world.policy().sequentialRelease().sequentialGate().baselineSeconds() / 60.0;
    this.errors = new long[fleet.size()];
    this.rates = new double[fleet.size()];
    Rng rng = Rng.at(release.seed(), BASELINE);
    long requests = 0;
    long total = 0;
    for (int i = 0; i < fleet.size(); i++) {
      errors[i] = rng.poisson(fleet.requestsPerMinute(i) * fleet.baselineErrorRate(i) * minutes);
      requests += requests(fleet, i);
      total += errors[i];
    }
    double pooled = requests == 0 ? 0 : (double) total / requests;
    for (int i = 0; i < fleet.size(); i++) {
      rates[i] = CohortCell.baselineErrorRate(requests(fleet, i), errors[i], pooled);
    }
  }

  private long requests(SimulatedFleet fleet, int i) {
    return Math.round(fleet.requestsPerMinute(i) * minutes);
  }

  /** Length of the pre-release window. */
  double minutes() {
    return minutes;
  }

  /** Target i's errors over the window. */
  long errors(int i) {
    return errors[i];
  }

  /** Target i's estimated baseline error rate. */
  double rate(int i) {
    return rates[i];
  }
}
