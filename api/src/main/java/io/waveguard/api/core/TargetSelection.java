package io.waveguard.api.core;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.plan.WavePlanners;
import java.util.List;

/**
 * The targets a release would take, checked before anything starts: a service without targets or a
 * selector that matches none is refused at the door (400 naming the field) rather than started to
 * fail in planning. Dry runs and starts ask the same question.
 */
public final class TargetSelection {

  private final TargetDao targets;
  private final TrustPlanParameters serverPlanning;
  private final int maxWaves;

  /**
   * @param serverPlanning trust-weighted planning for releases that do not carry their own
   * @param maxWaves the most waves a release may plan
   */
  public TargetSelection(TargetDao targets, TrustPlanParameters serverPlanning, int maxWaves) {
    this.targets = targets;
    this.serverPlanning = serverPlanning;
    this.maxWaves = maxWaves;
  }

  /** For dry runs, which plan and so show any wave count. */
  public TargetSelection(TargetDao targets) {
    this(targets, TrustPlanParameters.defaults(), Integer.MAX_VALUE);
  }

  /**
   * The selected targets of a release about to start, refusing one whose plan would hold more waves
   * than the server allows (400 naming the knob that makes them).
   */
  public List<Target> selectForStart(ReleaseSpec spec) {
    List<Target> selected = select(spec);
    TrustPlanParameters planning =
        spec.policy().trust() != null ? spec.policy().trust().planning() : serverPlanning;
    int waves =
        WavePlanners.maxWaveCount(spec.strategy(), selected.size(), spec.policy(), planning);
    if (waves > maxWaves) {
      String field = spec.strategy() == Strategy.WAVES ? "policy.waveGrowthFactor" : "strategy";
      throw ApiException.invalidField(
          field,
          ("%s over %d targets would plan %d waves, more than the %d a release may have"
                  + " (server configuration limits.maxWavesPerRelease); grow waves faster or"
                  + " select fewer targets")
              .formatted(spec.strategy().wireName(), selected.size(), waves, maxWaves));
    }
    return selected;
  }

  /**
   * @throws ApiException 400 naming {@code service} or {@code selector}
   */
  public List<Target> select(ReleaseSpec spec) {
    List<Target> service = targets.forService(spec.service());
    if (service.isEmpty()) {
      throw ApiException.invalidField(
          "service", "service '%s' has no targets".formatted(spec.service()));
    }
    List<Target> selected = service.stream().filter(spec.selector()::matches).toList();
    if (selected.isEmpty()) {
      throw ApiException.invalidField(
          "selector",
          "the selector matches none of the %d targets of service '%s'"
              .formatted(service.size(), spec.service()));
    }
    return selected;
  }
}
