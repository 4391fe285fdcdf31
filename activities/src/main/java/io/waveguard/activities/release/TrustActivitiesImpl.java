package io.waveguard.activities.release;

import io.temporal.activity.Activity;
import io.waveguard.activities.db.AttributionWindow;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.OutcomeRow;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.trust.TrustCause;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.OutcomeAttribution.Attribution;
import io.waveguard.policy.trust.OutcomeAttribution.Evidence;
import io.waveguard.workflows.activities.OutcomeRequest;
import io.waveguard.workflows.activities.OutcomeSummary;
import io.waveguard.workflows.activities.TrustActivities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Feeds a finished release back into trust: each deployed target's telemetry while it ran the
 * release, against its own baseline, goes through the policy core's {@link OutcomeAttribution}; the
 * verdicts become outcomes, and each target gets a fresh trust snapshot.
 */
public final class TrustActivitiesImpl implements TrustActivities {

  private final Jdbi jdbi;
  private final TelemetrySource telemetry;
  private final TrustEngine trust;

  public TrustActivitiesImpl(Jdbi jdbi, TelemetrySource telemetry, TrustEngine trust) {
    this.jdbi = jdbi;
    this.telemetry = telemetry;
    this.trust = trust;
  }

  @Override
  public OutcomeSummary recordReleaseOutcomes(OutcomeRequest request) {
    try (ReleaseContext ignored = ReleaseContext.enter(request.releaseId(), 0)) {
      Instant now = ActivityClock.of(Activity.getExecutionContext().getInfo()).now();
      return recordAt(request, now);
    }
  }

  OutcomeSummary recordAt(OutcomeRequest request, Instant now) {
    List<AttributionWindow> ran =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.attributionWindows(request.releaseId()));
    List<Evidence> evidence = evidence(ran, now);
    OutcomeAttribution attribution = new OutcomeAttribution(trust.settings().attribution());
    double effect = attribution.releaseEffect(evidence);
    List<Attribution> verdicts =
        attribution.attribute(request.finalStatus() == ReleaseStatus.COMPLETED, evidence);
    List<OutcomeRow> rows = new ArrayList<>(verdicts.size());
    int good = 0;
    int bad = 0;
    for (Attribution a : verdicts) {
      rows.add(
          new OutcomeRow(request.releaseId(), a.targetId(), a.verdict().name(), a.reason(), now));
      good += a.verdict() == OutcomeAttribution.Verdict.GOOD ? 1 : 0;
      bad += a.verdict() == OutcomeAttribution.Verdict.BAD ? 1 : 0;
    }
    OutcomeSummary summary = new OutcomeSummary(good, bad, rows.size() - good - bad, effect);
    jdbi.useTransaction(
        handle -> {
          TrustDao trustDao = handle.attach(TrustDao.class);
          // Row counts of rewritten batches are not reported, so ask before inserting: only the
          // first attempt that stores this release's outcomes writes the audit entry.
          if (rows.isEmpty() || trustDao.hasOutcomes(request.releaseId())) {
            return;
          }
          trustDao.insertOutcomes(rows);
          handle
              .attach(AuditDao.class)
              .append(
                  request.releaseId(),
                  "trust-feedback",
                  ReplanStep.SYSTEM_OPERATOR,
                  describe(request, summary),
                  "RECORDED",
                  null);
        });
    // Checked apart from the insert: an attempt that stored the outcomes but died before the
    // snapshots leaves its retry nothing to insert, and the snapshots still to write.
    boolean snapshotted =
        jdbi.withExtension(
            TrustDao.class, dao -> dao.hasSnapshots(request.releaseId(), TrustCause.OUTCOME));
    if (!ran.isEmpty() && !snapshotted) {
      List<String> ids = ran.stream().map(AttributionWindow::targetId).toList();
      List<Target> targets = jdbi.withExtension(TargetDao.class, dao -> dao.findAll(ids));
      trust.scoreAndRecord(targets, now, TrustCause.outcome(request.releaseId()));
    }
    return summary;
  }

  /**
   * Each target's telemetry while it ran this release's build: from its deploy until its rollback,
   * until another release replaced the build there (that release's telemetry is its own), or now.
   * One query per wave and window end, so a wave that ended together is read together.
   */
  private List<Evidence> evidence(List<AttributionWindow> ran, Instant now) {
    Map<WaveWindow, List<AttributionWindow>> groups = new LinkedHashMap<>();
    for (AttributionWindow w : ran) {
      Instant end = w.until() == null || w.until().isAfter(now) ? now : w.until();
      groups.computeIfAbsent(new WaveWindow(w.wave(), end), k -> new ArrayList<>()).add(w);
    }
    Instant releaseStart =
        ran.stream().map(AttributionWindow::from).min(Instant::compareTo).orElse(now);
    List<String> all = ran.stream().map(AttributionWindow::targetId).toList();
    Map<String, TargetTelemetry> baselines =
        telemetry.perTarget(
            all, releaseStart.minus(trust.settings().baselineWindow()), releaseStart);
    List<Evidence> evidence = new ArrayList<>(ran.size());
    for (Map.Entry<WaveWindow, List<AttributionWindow>> group : groups.entrySet()) {
      List<AttributionWindow> wave = group.getValue();
      Instant from = wave.stream().map(AttributionWindow::from).max(Instant::compareTo).get();
      Instant to = group.getKey().end();
      List<String> ids = wave.stream().map(AttributionWindow::targetId).toList();
      Map<String, TargetTelemetry> during =
          to.isAfter(from) ? telemetry.perTarget(ids, from, to) : Map.of();
      for (String id : ids) {
        TargetTelemetry t = during.get(id);
        TargetTelemetry baseline = baselines.get(id);
        evidence.add(
            new Evidence(
                id,
                t == null ? 0 : t.requests(),
                t == null ? 0 : t.errors(),
                baseline == null ? 0 : baseline.errorRate()));
      }
    }
    return evidence;
  }

  /** Targets of one wave whose build ran until the same moment. */
  private record WaveWindow(int wave, Instant end) {}

  private static String describe(OutcomeRequest request, OutcomeSummary summary) {
    return String.format(
        Locale.ROOT,
        "release %s %s: %d targets took it cleanly, %d degraded beyond the release's effect"
            + " (%.2fx their baselines overall), %d said nothing either way",
        request.releaseId(),
        request.finalStatus(),
        summary.good(),
        summary.bad(),
        summary.releaseEffect(),
        summary.none());
  }
}
