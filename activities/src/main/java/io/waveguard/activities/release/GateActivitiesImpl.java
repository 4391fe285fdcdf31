package io.waveguard.activities.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.GateActivities;
import io.waveguard.workflows.activities.GateRequest;
import io.waveguard.workflows.model.CohortStats;
import io.waveguard.workflows.model.GateResult;
import io.waveguard.workflows.policy.Gate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Compares a baked wave with controls and lets the gate decide.
 *
 * <p>Controls are the release's targets that do not run it yet, over the same window: they share
 * the wave's traffic patterns and incidents, so a difference is the release's doing. The last wave
 * (and an all-at-once release) has no such targets left; then the wave's own targets over the
 * equally long window just before the bake serve as controls, when they ran their old version. The
 * reason of the result says which comparison was made.
 */
public final class GateActivitiesImpl implements GateActivities {

  private final Jdbi jdbi;
  private final TelemetrySource telemetry;
  private final Gate gate;

  public GateActivitiesImpl(Jdbi jdbi, TelemetrySource telemetry, Gate gate) {
    this.jdbi = jdbi;
    this.telemetry = telemetry;
    this.gate = gate;
  }

  @Override
  public GateResult evaluateWave(GateRequest request) {
    List<TargetDeployment> wave =
        jdbi.withExtension(
            DeploymentDao.class, dao -> dao.wave(request.releaseId(), request.wave()));
    if (wave.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release %s has no wave %d in plan %s"
              .formatted(request.releaseId(), request.wave(), request.planId()),
          ActivityErrors.PLAN_NOT_FOUND);
    }
    List<String> deployed =
        wave.stream().filter(TargetDeployment::isDeployed).map(TargetDeployment::targetId).toList();
    List<String> controls =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.pendingTargets(request.releaseId()));
    Instant start = request.windowStart();
    Instant end = request.windowEnd();
    CohortStats deployedStats = telemetry.aggregate(deployed, start, end);

    CohortStats controlStats;
    String comparison;
    if (!controls.isEmpty()) {
      controlStats = telemetry.aggregate(controls, start, end);
      comparison =
          "%d deployed targets vs %d not-yet-deployed controls over the same window"
              .formatted(deployed.size(), controls.size());
    } else {
      Duration length = Duration.between(start, end);
      controlStats = telemetry.aggregate(deployed, start.minus(length), start);
      comparison =
          ("%d deployed targets vs themselves over the preceding %s, before the release"
                  + " (no undeployed targets left as controls)")
              .formatted(deployed.size(), readable(length));
    }
    GateResult result = gate.evaluate(deployedStats, controlStats, request.policy());
    return new GateResult(
        result.verdict(), comparison + ": " + result.reason(), result.deployed(), result.control());
  }

  /** "10m", "1h30m": Duration's ISO form without the noise. */
  private static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
