package io.waveguard.simulation.scenario;

import java.util.List;
import java.util.Map;

/**
 * What a faulty release does besides the cell's error-rate magnitude r.
 *
 * @param affectedFraction share of eligible targets that exhibit the fault: the most susceptible
 * @param tiers only targets of these tiers are eligible; empty = all
 * @param labels only targets carrying all these labels are eligible; empty = all
 * @param onsetMinutes the fault shows only after a target baked this long on the build (latent)
 * @param latencyShift relative p99 increase on affected targets (0.3 = 30 % slower)
 */
public record FaultSpec(
    double affectedFraction,
    List<String> tiers,
    Map<String, String> labels,
    double onsetMinutes,
    double latencyShift) {

  public FaultSpec {
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
