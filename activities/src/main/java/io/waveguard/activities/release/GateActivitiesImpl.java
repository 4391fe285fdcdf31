package io.waveguard.activities.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.ConcurrentReads;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.gate.GateEvidence;
import io.waveguard.policy.gate.ReleaseGate;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.Tier;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.GateActivities;
import io.waveguard.workflows.activities.GateRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/**
 * Compares a baked wave with controls and lets the policy core decide: the release-wide sequential
 * gate ({@link SequentialGateStep}, one period at a time) when the release's policy carries one,
 * otherwise the per-wave {@link ReleaseGate} over the whole bake, described below.
 *
 * <p>Controls are the release's targets that do not run it yet, over the same window: they share
 * the wave's traffic patterns and incidents, so a difference is the release's doing. The last wave
 * (and an all-at-once release) has no such targets left; then the wave's own targets over the
 * equally long window just before the release serve as controls. Latency is compared as each
 * target's p99 over its own p99 before the release, so naturally slow targets are no signal. The
 * reason of the result says which comparison was made; inputs and verdict go to the audit log.
 */
public final class GateActivitiesImpl implements GateActivities {

  private final Jdbi jdbi;
  private final TelemetrySource telemetry;
  private final ReleaseGate gate;
  private final Duration baselineWindow;
  private final SequentialGateStep sequential;
  private final ReleaseMetrics metrics;
  private final BaselineCache baselineCache = new BaselineCache();

  public GateActivitiesImpl(
      Jdbi jdbi, TelemetrySource telemetry, ReleaseGate gate, Duration baselineWindow) {
    this(jdbi, telemetry, gate, baselineWindow, ReleaseMetrics.none());
  }

  /** As above, recording every verdict (and the sequential gate's distances) in metrics. */
  public GateActivitiesImpl(
      Jdbi jdbi,
      TelemetrySource telemetry,
      ReleaseGate gate,
      Duration baselineWindow,
      ReleaseMetrics metrics) {
    this.jdbi = jdbi;
    this.telemetry = telemetry;
    this.gate = gate;
    this.baselineWindow = baselineWindow;
    this.metrics = metrics;
    this.sequential = new SequentialGateStep(jdbi, telemetry, metrics);
  }

  @Override
  public GateResult evaluateWave(GateRequest request) {
    try (ReleaseContext ignored = ReleaseContext.enter(request.releaseId(), request.wave())) {
      if (request.policy().hasSequentialGate()) {
        return sequential.evaluate(request);
      }
      return perWave(request);
    }
  }

  private GateResult perWave(GateRequest request) {
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
    Instant releaseStart =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.firstDeployedAt(request.releaseId()))
            .orElse(start);
    Instant baselineEnd = releaseStart.isBefore(start) ? releaseStart : start;
    List<String> cohorts = union(deployed, controls);
    Instant baselineStart = baselineEnd.minus(baselineWindow);
    // The baselines are read beside the window on a large wave (two scans at once), and only once
    // per release on this worker: their window ends at the release's first deploy.
    CompletableFuture<Map<String, TargetTelemetry>> baselineRead =
        ConcurrentReads.alongside(
            cohorts.size(),
            () ->
                baselineCache.baselines(
                    request.releaseId(),
                    baselineStart,
                    baselineEnd,
                    cohorts,
                    ids -> telemetry.perTarget(ids, baselineStart, baselineEnd)));
    // Both cohorts in one read: the window's samples are scanned once, not once per cohort.
    Map<String, TargetTelemetry> window = telemetry.perTarget(cohorts, start, end);
    Map<String, TargetTelemetry> baselines = ConcurrentReads.joined(baselineRead);
    GateEvidence deployedEvidence = evidence(only(window, deployed), baselines);
    GateEvidence controlEvidence;
    String comparison;
    if (!controls.isEmpty()) {
      controlEvidence = evidence(only(window, controls), baselines);
      comparison =
          "%d deployed targets vs %d not-yet-deployed controls over the same window"
              .formatted(deployed.size(), controls.size());
    } else {
      Duration length = Duration.between(start, end);
      controlEvidence =
          evidence(
              telemetry.perTarget(deployed, baselineEnd.minus(length), baselineEnd), baselines);
      comparison =
          ("%d deployed targets vs themselves over %s before the release"
                  + " (no undeployed targets left as controls)")
              .formatted(deployed.size(), readable(length));
    }
    GateResult verdict = gate.evaluate(deployedEvidence, controlEvidence, request.policy());
    GateResult result = verdict.explainedBy(comparison);
    jdbi.useHandle(handle -> GateAudit.record(handle, request, result));
    ReleaseContext.targets(deployed.size());
    metrics.gateVerdict("per-wave", result.verdict(), highestTier(deployed));
    GateMetrics.waveEnded(
        metrics,
        result,
        wave.stream()
            .map(TargetDeployment::deployedAt)
            .filter(Objects::nonNull)
            .min(Instant::compareTo)
            .orElse(null),
        end);
    return result;
  }

  /** The wave's highest tier, which its verdict is about; null for a wave of deleted targets. */
  private Tier highestTier(List<String> deployed) {
    if (deployed.isEmpty()) {
      return null;
    }
    return jdbi
        .withExtension(TargetDao.class, dao -> dao.tiersOf(deployed.toArray(String[]::new)))
        .stream()
        .map(Tier::fromWireName)
        .flatMap(Optional::stream)
        .max(Comparator.naturalOrder())
        .orElse(null);
  }

  /**
   * Error counts summed, with the errors the targets' baselines predict for this traffic; latency
   * as each interval's p99 over the target's baseline p99.
   */
  public static GateEvidence evidence(
      Map<String, TargetTelemetry> window, Map<String, TargetTelemetry> baselines) {
    CohortStats stats = CohortStats.EMPTY;
    double baselineErrors = 0;
    boolean everyBaselineKnown = true;
    List<Double> latency = new ArrayList<>();
    for (TargetTelemetry t : window.values()) {
      TargetTelemetry baseline = baselines.get(t.targetId());
      if (t.requests() > 0) {
        stats = stats.plus(new CohortStats(1, t.requests(), t.errors()));
        if (baseline == null || baseline.requests() == 0) {
          everyBaselineKnown = false;
        } else {
          baselineErrors += t.requests() * baseline.errorRate();
        }
      }
      double reference = baseline == null ? 0 : baseline.typicalLatencyP99Ms();
      if (reference > 0) {
        t.latencyP99Ms().forEach(p99 -> latency.add(p99 / reference));
      }
    }
    // One target without a baseline would skew the expectation: then compare traffic shares.
    return new GateEvidence(
        stats,
        everyBaselineKnown ? baselineErrors : 0,
        latency.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The part of a read that is about these targets (also what the bench's breakdown times). */
  public static Map<String, TargetTelemetry> only(
      Map<String, TargetTelemetry> read, List<String> targetIds) {
    Map<String, TargetTelemetry> part = new LinkedHashMap<>(targetIds.size() * 2);
    for (String id : targetIds) {
      TargetTelemetry t = read.get(id);
      if (t != null) {
        part.put(id, t);
      }
    }
    return part;
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  /** "10m", "1h30m": Duration's ISO form without the noise. */
  private static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
