package io.waveguard.policy.gate.sequential;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the sequential gate has seen of one release since its first deploy: one {@link
 * RatioEvidence} per metric and stratum, the strata and grid fixed at the start, and the coverage
 * of the latest period. Immutable: folding a period returns a new value, so a body can store each
 * period's evidence and a retry finds it unchanged.
 *
 * @param tests keyed by {@link #key}
 */
public record ReleaseEvidence(
    List<Stratum> strata,
    RatioGrid grid,
    Map<String, RatioEvidence> tests,
    int periods,
    Coverage coverage) {

  public ReleaseEvidence {
    strata = List.copyOf(strata);
    tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
  }

  static String key(GateMetric metric, Stratum stratum) {
    return metric.wireName() + ":" + stratum.key();
  }

  RatioEvidence test(GateMetric metric, Stratum stratum) {
    return tests.get(key(metric, stratum));
  }

  ReleaseEvidence fold(PeriodObservation observation) {
    Map<String, RatioEvidence> next = new LinkedHashMap<>();
    for (GateMetric metric : GateMetric.values()) {
      for (Stratum stratum : strata) {
        RatioEvidence test = test(metric, stratum);
        PeriodObservation.Side deployed =
            PeriodObservation.side(observation.deployed(), metric, stratum);
        PeriodObservation.Side controls =
            PeriodObservation.side(observation.controls(), metric, stratum);
        RatioEvidence folded;
        if (observation.historical()) {
          folded =
              test.plusHistorical(
                  deployed.events(),
                  deployed.historicalExposure(),
                  controls.events(),
                  controls.historicalExposure());
        } else {
          double exposure = deployed.concurrentExposure() + controls.concurrentExposure();
          double share = exposure > 0 ? deployed.concurrentExposure() / exposure : 0;
          folded = test.plusConcurrent(grid, deployed.events(), controls.events(), share);
        }
        next.put(key(metric, stratum), folded);
      }
    }
    return new ReleaseEvidence(strata, grid, next, periods + 1, observation.coverage());
  }
}
