package io.waveguard.simulation;

import io.waveguard.simulation.engine.OracleFloor;
import io.waveguard.simulation.engine.ReleaseOutcome;
import io.waveguard.simulation.engine.SimStrategy;
import java.util.List;

/**
 * Every outcome of one cell: per strategy, per seed, per release, plus the oracle floor of each
 * faulty release. Index [strategy][seed][release]; the same release index is the same release for
 * every strategy.
 */
public record CellRuns(
    String scenario,
    double rho,
    double faultMagnitude,
    List<SimStrategy> strategies,
    ReleaseOutcome[][][] outcomes,
    OracleFloor.Floor[][] floors) {

  public int seeds() {
    return floors.length;
  }

  public ReleaseOutcome[][] of(SimStrategy strategy) {
    int k = strategies.indexOf(strategy);
    if (k < 0) {
      throw new IllegalArgumentException(strategy + " did not run in this cell");
    }
    return outcomes[k];
  }
}
