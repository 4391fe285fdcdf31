package io.waveguard.activities.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.GateEvidenceDao;
import io.waveguard.activities.db.GateEvidenceRow;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.gate.sequential.CohortCell;
import io.waveguard.policy.gate.sequential.DecisionDistance;
import io.waveguard.policy.gate.sequential.PeriodObservation;
import io.waveguard.policy.gate.sequential.ReleaseEvidence;
import io.waveguard.policy.gate.sequential.SequentialGate;
import io.waveguard.policy.gate.sequential.TargetReading;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.GateRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * One period of the release-wide {@link SequentialGate}: reads the period's telemetry of every
 * deployed target and of the controls, folds it into the release's evidence stored after the
 * previous period, and stores the new evidence with the verdict under (release, period end).
 *
 * <p>Controls are the release's targets that do not run the build yet, over the same period. Once
 * none is left (the last wave, an all-at-once release) the deployed targets are compared with their
 * own baseline window before the release. Every target is judged against its own baseline, the
 * window of {@code baselineSeconds} before the release's first deploy, which stays the same for the
 * whole release.
 */
final class SequentialGateStep {

  private final Jdbi jdbi;
  private final TelemetrySource telemetry;
  private final ReleaseMetrics metrics;

  SequentialGateStep(Jdbi jdbi, TelemetrySource telemetry, ReleaseMetrics metrics) {
    this.jdbi = jdbi;
    this.telemetry = telemetry;
    this.metrics = metrics;
  }

  GateResult evaluate(GateRequest request) {
    String releaseId = request.releaseId();
    var stored =
        jdbi.withExtension(GateEvidenceDao.class, dao -> dao.find(releaseId, request.windowEnd()));
    if (stored.isPresent()) {
      // A retried evaluation of this period: the verdict given stands.
      return stored.get().result();
    }
    SequentialGatePolicy policy = request.policy().sequentialGate();
    SequentialGate gate = new SequentialGate(policy);
    Cohorts cohorts = cohorts(request);
    ReleaseEvidence previous =
        jdbi.withExtension(
                GateEvidenceDao.class, dao -> dao.latestBefore(releaseId, request.windowEnd()))
            .map(GateEvidenceRow::evidence)
            .orElseGet(() -> gate.start(cohorts.all()));

    Map<String, TargetReading> baselines = baselines(request, cohorts.all());
    double pooled = CohortCell.pooledErrorRate(baselines.values());
    double ratio = policy.latencyExceedanceRatio();
    List<Target> observed = new ArrayList<>(cohorts.deployed());
    observed.addAll(cohorts.controls());
    Map<String, TargetReading> period =
        readings(telemetry.perTarget(ids(observed), request.windowStart(), request.windowEnd()));
    List<CohortCell> deployedCells =
        cells(cohorts.deployed(), period::get, baselines, pooled, ratio);

    // The policy core chooses the controls: the pending targets, or with none left, the deployed
    // targets' own pre-release window.
    PeriodObservation observation =
        PeriodObservation.of(
            deployedCells,
            cells(cohorts.controls(), period::get, baselines, pooled, ratio),
            () -> cells(cohorts.deployed(), baselines::get, baselines, pooled, ratio));
    String comparison =
        observation.historical()
            ? "%d deployed targets vs their own %s before the release"
                .formatted(
                    cohorts.deployed().size(),
                    readable(Duration.ofSeconds(policy.baselineSeconds())))
            : "%d deployed targets vs %d not-yet-deployed controls"
                .formatted(cohorts.deployed().size(), cohorts.controls().size());

    ReleaseEvidence evidence = gate.observe(previous, observation);
    GateResult verdict =
        gate.judge(
            evidence, request.entryTier(), observation.deployedStats(), observation.controlStats());
    GateResult result = verdict.explainedBy(comparison);
    ReleaseContext.targets(cohorts.deployed().size());
    if (store(request, evidence, result)) {
      // Counted once per period: a concurrent attempt that lost the insert counts nothing.
      DecisionDistance distance = gate.distance(evidence, request.entryTier());
      metrics.gateVerdict("sequential", result.verdict(), request.entryTier());
      metrics.gateDistance(request.entryTier(), distance.rollback(), distance.entry());
      GateMetrics.waveEnded(metrics, result, cohorts.waveDeployedAt(), request.windowEnd());
      return result;
    }
    return jdbi.withExtension(
            GateEvidenceDao.class, dao -> dao.find(releaseId, request.windowEnd()))
        .orElseThrow()
        .result();
  }

  /** Stores the period with its audit row; false when a concurrent attempt stored it first. */
  private boolean store(GateRequest request, ReleaseEvidence evidence, GateResult result) {
    GateEvidenceRow row =
        GateEvidenceRow.of(
            request.releaseId(),
            request.windowStart(),
            request.windowEnd(),
            request.wave(),
            evidence,
            result);
    return jdbi.inTransaction(
        handle -> {
          GateEvidenceDao dao = handle.attach(GateEvidenceDao.class);
          if (dao.insert(row) == 0) {
            return false;
          }
          GateAudit.record(handle, request, result);
          return true;
        });
  }

  /**
   * The release's targets, split into those that run the build now (every wave so far) and the
   * controls. A target whose deploy is in flight may already run the build, and a rolled-back one
   * ran it: neither is a control, and neither is deployed.
   */
  private Cohorts cohorts(GateRequest request) {
    List<TargetDeployment> rows =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.release(request.releaseId()));
    if (rows.stream().noneMatch(row -> row.wave() == request.wave())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release %s has no wave %d in plan %s"
              .formatted(request.releaseId(), request.wave(), request.planId()),
          ActivityErrors.PLAN_NOT_FOUND);
    }
    List<String> ids = rows.stream().map(TargetDeployment::targetId).toList();
    Map<String, Target> targets =
        jdbi.withExtension(TargetDao.class, dao -> dao.findAll(ids)).stream()
            .collect(Collectors.toMap(Target::id, Function.identity()));
    List<Target> all = new ArrayList<>();
    List<Target> deployed = new ArrayList<>();
    List<Target> controls = new ArrayList<>();
    Instant waveDeployedAt = null;
    for (TargetDeployment row : rows) {
      if (row.wave() == request.wave()
          && row.deployedAt() != null
          && (waveDeployedAt == null || row.deployedAt().isBefore(waveDeployedAt))) {
        waveDeployedAt = row.deployedAt();
      }
      Target target = targets.get(row.targetId());
      if (target == null) {
        continue; // deleted from the fleet since planning: nothing to compare it with
      }
      all.add(target);
      if (row.isDeployed()) {
        deployed.add(target);
      } else if (row.isPending() && row.inFlightKey() == null) {
        controls.add(target);
      }
    }
    return new Cohorts(all, deployed, controls, waveDeployedAt);
  }

  /**
   * Every release target's baseline: the window before the release's first deploy, never
   * overlapping the period judged.
   */
  private Map<String, TargetReading> baselines(GateRequest request, List<Target> targets) {
    Instant firstDeploy =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.firstDeployedAt(request.releaseId()))
            .orElse(request.windowStart());
    Instant end = firstDeploy.isBefore(request.windowStart()) ? firstDeploy : request.windowStart();
    Instant start = end.minusSeconds(request.policy().sequentialGate().baselineSeconds());
    return readings(telemetry.perTarget(ids(targets), start, end));
  }

  private static List<CohortCell> cells(
      List<Target> targets,
      Function<String, TargetReading> readingOf,
      Map<String, TargetReading> baselines,
      double pooled,
      double ratio) {
    List<CohortCell> cells = new ArrayList<>(targets.size());
    for (Target target : targets) {
      // A target absent from the telemetry answer reported nothing: a silent cell, never healthy.
      cells.add(
          CohortCell.ofTarget(
              target, readingOf.apply(target.id()), baselines.get(target.id()), pooled, ratio));
    }
    return cells;
  }

  private static Map<String, TargetReading> readings(Map<String, TargetTelemetry> telemetry) {
    Map<String, TargetReading> readings = new HashMap<>(telemetry.size() * 2);
    telemetry.forEach((id, t) -> readings.put(id, reading(t)));
    return readings;
  }

  static TargetReading reading(TargetTelemetry t) {
    return new TargetReading(
        t.requests(),
        t.errors(),
        t.crashes(),
        t.availability(),
        t.latencyP99Ms().stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static List<String> ids(List<Target> targets) {
    return targets.stream().map(Target::id).toList();
  }

  /** "hour", "15 minutes", "90 seconds": how long the baseline window is, in words. */
  static String readable(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long count, String unit) {
    return count == 1 ? unit : count + " " + unit + "s";
  }

  /**
   * @param waveDeployedAt the judged wave's first confirmed deploy; null before any
   */
  private record Cohorts(
      List<Target> all, List<Target> deployed, List<Target> controls, Instant waveDeployedAt) {}
}
