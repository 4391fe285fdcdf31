package io.waveguard.activities.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.PlanDao;
import io.waveguard.activities.db.ReplanRow;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.trust.TrustCause;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.policy.plan.Replan;
import io.waveguard.policy.plan.Replanner;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.ReplanRequest;
import io.waveguard.workflows.activities.ReplanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-plans the rest of a release between waves with the policy core's {@link Replanner}: fresh
 * trust for every target of the release (persisted), remaining targets moved within their tier, the
 * next wave's tier entry checked against the deployed cohort. The outcome is stored per (release,
 * wave), so a retry returns it unchanged, and written to the audit log.
 */
public final class ReplanStep {

  /** The audit log's operator for what Waveguard decided itself. */
  static final String SYSTEM_OPERATOR = "waveguard";

  private final Jdbi jdbi;
  private final TrustEngine trust;
  private final TelemetrySource telemetry;

  public ReplanStep(Jdbi jdbi, TrustEngine trust, TelemetrySource telemetry) {
    this.jdbi = jdbi;
    this.trust = trust;
    this.telemetry = telemetry;
  }

  ReplanResult replan(ReplanRequest request, Instant now) {
    String releaseId = request.releaseId();
    var stored =
        jdbi.withExtension(PlanDao.class, dao -> dao.replan(releaseId, request.nextWave()));
    if (stored.isPresent()) {
      return result(stored.get(), request);
    }
    List<TargetDeployment> rows =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.release(releaseId));
    if (rows.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release %s has no stored plan".formatted(releaseId), ActivityErrors.PLAN_NOT_FOUND);
    }
    Map<String, Target> targets = targets(rows);
    List<Target> deployed = new ArrayList<>();
    TreeMap<Integer, List<Target>> remaining = new TreeMap<>();
    for (TargetDeployment row : rows) {
      Target target = targets.get(row.targetId());
      if (target == null) {
        continue; // deleted from the fleet since planning: nothing to rank, nothing to deploy
      }
      if (row.wave() < request.nextWave() && row.isDeployed()) {
        deployed.add(target);
      } else if (row.wave() >= request.nextWave() && row.isPending()) {
        remaining.computeIfAbsent(row.wave(), w -> new ArrayList<>()).add(target);
      }
    }
    List<PlannedWave> waves = new ArrayList<>();
    remaining.forEach((wave, members) -> waves.add(new PlannedWave(wave, members, "")));
    List<Target> scored = new ArrayList<>(deployed);
    remaining.values().forEach(scored::addAll);
    // The release's own trust model and planning, resolved when it started.
    TrustEngine engine = trust.forRelease(request.policy());
    TrustEngine.Scoring scoring =
        engine.scoreAndRecord(scored, now, TrustCause.replan(releaseId, request.nextWave()));
    long deployedRequests = deployedRequests(rows, request.nextWave(), now);
    Replan replan =
        new Replanner(engine.settings().planning(), scoring.prior())
            .replan(
                waves,
                deployed,
                scoring.scores(),
                deployedRequests,
                request.policy().tierEntryMinRequests());
    ReplanRow row =
        new ReplanRow(
            releaseId,
            request.nextWave(),
            replan.movedTargets(),
            replan.cohortTrust(),
            replan.hold().orElse(null),
            replan.reason());
    return jdbi.inTransaction(
        handle -> {
          if (handle.attach(PlanDao.class).insertReplan(row) == 0) {
            // A concurrent attempt stored its re-plan first: that one stands.
            return result(
                handle.attach(PlanDao.class).replan(releaseId, request.nextWave()).orElseThrow(),
                request);
          }
          store(handle, request, waves, replan);
          handle
              .attach(AuditDao.class)
              .append(
                  releaseId,
                  "replan",
                  SYSTEM_OPERATOR,
                  replan.reason(),
                  "RECORDED",
                  replan.hold().map(h -> "hold: " + h).orElse("next wave may start"));
          return result(row, request);
        });
  }

  private Map<String, Target> targets(List<TargetDeployment> rows) {
    List<String> ids = rows.stream().map(TargetDeployment::targetId).toList();
    return jdbi.withExtension(TargetDao.class, dao -> dao.findAll(ids)).stream()
        .collect(Collectors.toMap(Target::id, Function.identity()));
  }

  /**
   * Requests the deployed cohort served on the new version: each wave counted from its own deploy
   * (its latest confirmed target), so a later wave's hours on the old version are no evidence.
   */
  private long deployedRequests(List<TargetDeployment> rows, int nextWave, Instant now) {
    Map<Integer, List<TargetDeployment>> byWave = new TreeMap<>();
    for (TargetDeployment row : rows) {
      if (row.wave() < nextWave && row.isDeployed() && row.deployedAt() != null) {
        byWave.computeIfAbsent(row.wave(), w -> new ArrayList<>()).add(row);
      }
    }
    long requests = 0;
    for (List<TargetDeployment> wave : byWave.values()) {
      Instant from =
          wave.stream().map(TargetDeployment::deployedAt).max(Instant::compareTo).orElse(now);
      if (from.isBefore(now)) {
        List<String> ids = wave.stream().map(TargetDeployment::targetId).toList();
        requests += telemetry.aggregate(ids, from, now).requests();
      }
    }
    return requests;
  }

  /** Moves targets whose wave changed and updates the waves' impacts. */
  private static void store(
      org.jdbi.v3.core.Handle handle,
      ReplanRequest request,
      List<PlannedWave> before,
      Replan replan) {
    Map<String, Integer> oldWave = new HashMap<>();
    before.forEach(w -> w.targets().forEach(t -> oldWave.put(t.id(), w.index())));
    List<String> moved = new ArrayList<>();
    List<Integer> to = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (PlannedWave wave : replan.waves()) {
      for (Target target : wave.targets()) {
        if (oldWave.get(target.id()) != wave.index()) {
          moved.add(target.id());
          to.add(wave.index());
          reasons.add(
              "moved from wave %d to wave %d when re-planned by fresh trust before wave %d"
                  .formatted(oldWave.get(target.id()), wave.index(), request.nextWave()));
        }
      }
    }
    if (!moved.isEmpty()) {
      handle.attach(DeploymentDao.class).moveToWave(request.releaseId(), moved, to, reasons);
    }
    List<WaveSummary> summaries = replan.waves().stream().map(PlannedWave::summary).toList();
    handle
        .attach(PlanDao.class)
        .updateImpacts(
            request.planId(),
            summaries.stream().map(WaveSummary::index).toList(),
            summaries.stream().map(WaveSummary::impact).toList());
  }

  private ReplanResult result(ReplanRow row, ReplanRequest request) {
    List<WaveSummary> waves =
        jdbi.withExtension(PlanDao.class, dao -> dao.waves(request.planId())).stream()
            .filter(w -> w.index() >= request.nextWave())
            .toList();
    return new ReplanResult(waves, row.moved(), row.cohortTrust(), row.hold(), row.reason());
  }
}
