package io.waveguard.policy.gate;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;

/**
 * Simulates one wave under a sequential gate: traffic arrives in batches to both cohorts over the
 * same window, and the gate is asked again after every batch until it decides or the cap is hit.
 */
record SequentialRun(GateVerdict verdict, long deployedRequests) {

  /** What one simulated wave looks like. */
  record Scenario(
      double deployedErrorRate,
      double controlErrorRate,
      long deployedBatch,
      long controlBatch,
      int maxBatches) {}

  static SequentialRun simulate(
      Gate gate, Scenario scenario, ReleasePolicy policy, BinomialSampler sampler) {
    CohortStats deployed = CohortStats.EMPTY;
    CohortStats control = CohortStats.EMPTY;
    for (int batch = 0; batch < scenario.maxBatches(); batch++) {
      deployed =
          deployed.plus(
              new CohortStats(
                  0,
                  scenario.deployedBatch(),
                  sampler.next(scenario.deployedBatch(), scenario.deployedErrorRate())));
      control =
          control.plus(
              new CohortStats(
                  0,
                  scenario.controlBatch(),
                  sampler.next(scenario.controlBatch(), scenario.controlErrorRate())));
      GateResult result = gate.evaluate(deployed, control, policy);
      if (result.verdict() != GateVerdict.INCONCLUSIVE) {
        return new SequentialRun(result.verdict(), deployed.requests());
      }
    }
    return new SequentialRun(GateVerdict.INCONCLUSIVE, deployed.requests());
  }

  /** Outcome counts of many runs, and the mean deployed traffic of the runs that failed. */
  record Summary(int runs, int fails, int passes, double meanRequestsToFail) {

    double failRate() {
      return (double) fails / runs;
    }

    double passRate() {
      return (double) passes / runs;
    }
  }

  static Summary repeat(Gate gate, Scenario scenario, ReleasePolicy policy, int runs, long seed) {
    BinomialSampler sampler = new BinomialSampler(seed);
    int fails = 0;
    int passes = 0;
    double requestsToFail = 0;
    for (int i = 0; i < runs; i++) {
      SequentialRun run = simulate(gate, scenario, policy, sampler);
      if (run.verdict() == GateVerdict.FAIL) {
        fails++;
        requestsToFail += run.deployedRequests();
      } else if (run.verdict() == GateVerdict.PASS) {
        passes++;
      }
    }
    return new Summary(runs, fails, passes, fails == 0 ? Double.NaN : requestsToFail / fails);
  }
}
