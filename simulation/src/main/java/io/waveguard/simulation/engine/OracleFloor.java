package io.waveguard.simulation.engine;

import io.waveguard.policy.gate.SprtErrorGate;
import io.waveguard.policy.gate.SprtParameters;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.SimulatedFleet;
import io.waveguard.simulation.world.SimulatedWorld;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The theoretical floor of DESIGN §4 for one faulty release: Wald's A/KL(p₁‖p₀) requests are needed
 * to detect p₀ → p₁ = p₀(1 + r) at the gate's α and β; no ordering can expose less than the
 * cheapest traffic that carries that many requests. The oracle knows which targets exhibit the
 * fault and takes them by ascending impact per request until one bake of their traffic carries
 * enough; a floor in one bake, because the gate decides per bake.
 */
public final class OracleFloor {

  /** The floor's exposure, as shares of high-tier and of total impact. */
  public record Floor(double highTierExposure, double totalExposure, long requestsNeeded) {}

  private final SimulatedWorld world;
  private final Integer[] cheapestFirst;
  private double highTotal;
  private double allTotal;

  public OracleFloor(SimulatedWorld world) {
    this.world = world;
    SimulatedFleet fleet = world.fleet();
    // Impact per request is tier weight × share / (share × fleet rate): the tier weight; within
    // a tier, busier targets first so fewer targets carry the evidence.
    this.cheapestFirst = IntStream.range(0, fleet.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(
        cheapestFirst,
        Comparator.comparingDouble((Integer i) -> impactPerRequest(fleet, i))
            .thenComparingDouble(i -> -fleet.requestsPerMinute(i))
            .thenComparing(i -> i));
    for (Target target : fleet.targets()) {
      allTotal += target.impact();
      highTotal += isHigh(target) ? target.impact() : 0;
    }
  }

  private static double impactPerRequest(SimulatedFleet fleet, int i) {
    return fleet.target(i).impact() / fleet.requestsPerMinute(i);
  }

  /** The floor for a faulty release with an error effect; null when there is none to detect. */
  public Floor floor(ReleaseCase release) {
    if (!release.faulty() || !(release.magnitude() > 0)) {
      return null;
    }
    SprtParameters sprt = world.policy().gate().errors();
    double p0 = world.fleet().fleetErrorRate();
    long needed =
        (long)
            Math.ceil(
                SprtErrorGate.expectedSampleSize(
                    p0, release.magnitude(), sprt.alpha(), sprt.beta()));
    double requests = 0;
    double high = 0;
    double all = 0;
    for (int i : cheapestFirst) {
      if (requests >= needed) {
        break;
      }
      if (!release.affected()[i]) {
        continue;
      }
      Target target = world.fleet().target(i);
      requests += world.trust().requests(i);
      all += target.impact();
      high += isHigh(target) ? target.impact() : 0;
    }
    return new Floor(highTotal > 0 ? high / highTotal : 0, all / allTotal, needed);
  }

  private static boolean isHigh(Target target) {
    return target.tier().compareTo(Tier.FINANCE_CRITICAL) >= 0;
  }
}
