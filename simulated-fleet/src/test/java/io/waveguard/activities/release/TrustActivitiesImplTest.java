package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.auditCount;
import static io.waveguard.activities.release.Releases.deployWaveAt;
import static io.waveguard.activities.release.Releases.minutes;
import static io.waveguard.activities.release.Releases.rollBackWaveAt;
import static io.waveguard.activities.release.Releases.spec;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.OutcomeRow;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.db.TrustSnapshotRow;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.workflows.activities.OutcomeRequest;
import io.waveguard.workflows.activities.OutcomeSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrustActivitiesImplTest {

  private static final String RELEASE = "r1";
  private static final int FLEET = 40;

  /** When the release deployed; planning was an hour earlier, feedback half an hour later. */
  private static final Instant DEPLOYED = Instant.parse("2025-03-01T12:00:00Z");

  private static final Instant FINISHED = DEPLOYED.plus(Duration.ofMinutes(30));

  private Jdbi jdbi;
  private List<Target> fleet;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    fleet = storeFleet(jdbi, FLEET);
  }

  @Test
  void completedHealthyReleaseIsGoodForEveryDeployedTargetWithAFreshSnapshotEach() {
    TrustActivitiesImpl activities = activities(Releases.simulatedTelemetry(jdbi));
    release("3.0", Strategy.ALL_AT_ONCE, Releases.simulatedTelemetry(jdbi));
    deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);

    OutcomeSummary summary = activities.recordAt(request(ReleaseStatus.COMPLETED), FINISHED);

    assertThat(summary.good()).isEqualTo(FLEET);
    assertThat(summary.bad()).isZero();
    assertThat(summary.none()).isZero();
    assertThat(summary.releaseEffect()).isBetween(0.8, 1.25);
    assertThat(verdicts())
        .hasSize(FLEET)
        .containsOnlyKeys(ids())
        .allSatisfy(
            (id, v) -> {
              assertThat(v).isEqualTo("GOOD");
            });
    for (Target target : fleet) {
      TrustSnapshotRow snapshot = latestSnapshot(target.id());
      assertThat(snapshot.cause()).isEqualTo("outcome");
      assertThat(snapshot.releaseId()).isEqualTo(RELEASE);
      assertThat(snapshot.wave()).isNull();
      assertThat(snapshot.computedAt()).isEqualTo(FINISHED);
      // The outcome was recorded at the moment of scoring: it counts in full.
      assertThat(snapshot.good()).isCloseTo(1.0, within(1e-9));
      assertThat(snapshot.bad()).isZero();
    }
    assertThat(snapshotCount("outcome")).isEqualTo(FLEET);
    List<AuditEntry> audit = audit("trust-feedback");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).outcome()).isEqualTo("RECORDED");
    assertThat(audit.get(0).reason()).contains("40 targets took it cleanly", "COMPLETED");
  }

  @Test
  void onlyTargetsThatWereDeployedGetAnOutcome() {
    TrustActivitiesImpl activities = activities(Releases.simulatedTelemetry(jdbi));
    release("3.0", Strategy.WAVES, Releases.simulatedTelemetry(jdbi));
    List<String> deployed = deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    deployed = new ArrayList<>(deployed);
    deployed.addAll(deployWaveAt(jdbi, RELEASE, 2, DEPLOYED.plusSeconds(60)));

    OutcomeSummary summary = activities.recordAt(request(ReleaseStatus.ABORTED), FINISHED);

    assertThat(verdicts()).containsOnlyKeys(deployed);
    assertThat(summary.good() + summary.bad() + summary.none()).isEqualTo(deployed.size());
    // Aborted: nobody took it cleanly, and nobody degraded on their own either.
    assertThat(summary.good()).isZero();
    assertThat(summary.bad()).isZero();
    assertThat(snapshotCount("outcome")).isEqualTo(deployed.size());
  }

  @Test
  void rolledBackFaultyReleaseBlamesNoTarget() {
    TrustActivitiesImpl activities = activities(Releases.simulatedTelemetry(jdbi));
    release("3.0-faulty", Strategy.ALL_AT_ONCE, Releases.simulatedTelemetry(jdbi));
    deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    rollBackWaveAt(jdbi, RELEASE, 1, DEPLOYED.plus(Duration.ofMinutes(20)));

    OutcomeSummary summary = activities.recordAt(request(ReleaseStatus.ROLLED_BACK), FINISHED);

    assertThat(summary.bad()).isZero();
    assertThat(summary.good()).isZero();
    assertThat(summary.none()).isEqualTo(FLEET);
    // Every target ran at ten times its baseline errors (less where the rate floor applies).
    assertThat(summary.releaseEffect()).isGreaterThan(5);
    assertThat(verdicts()).hasSize(FLEET).allSatisfy((id, v) -> assertThat(v).isEqualTo("NONE"));
    for (Target target : fleet) {
      TrustSnapshotRow snapshot = latestSnapshot(target.id());
      assertThat(snapshot.cause()).isEqualTo("outcome");
      assertThat(snapshot.good()).isZero();
      assertThat(snapshot.bad()).isZero();
    }
  }

  @Test
  void targetDegradedBeyondTheReleaseEffectIsTheOnlyBadOne() {
    PushTelemetrySource pushed = new PushTelemetrySource(jdbi);
    TrustActivitiesImpl activities = activities(pushed);
    release("3.0", Strategy.ALL_AT_ONCE, pushed);
    deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    String victim = fleet.get(7).id();
    List<TelemetrySample> samples = new ArrayList<>();
    for (Target target : fleet) {
      // 0.1 % errors for 45 minutes before the release; during it the same, but 10x on one.
      samples.addAll(minutes(target.id(), DEPLOYED.minusSeconds(45 * 60), 45, 1_000, 1, 100.0));
      long errors = target.id().equals(victim) ? 10 : 1;
      samples.addAll(minutes(target.id(), DEPLOYED, 30, 1_000, errors, 100.0));
    }
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(samples));

    OutcomeSummary summary = activities.recordAt(request(ReleaseStatus.COMPLETED), FINISHED);

    assertThat(summary.bad()).isOne();
    assertThat(summary.good()).isEqualTo(FLEET - 1);
    Map<String, String> verdicts = verdicts();
    assertThat(verdicts.get(victim)).isEqualTo("BAD");
    assertThat(verdicts)
        .allSatisfy((id, v) -> assertThat(v).isEqualTo(id.equals(victim) ? "BAD" : "GOOD"));
    List<OutcomeRow> victimOutcomes =
        jdbi.withExtension(TrustDao.class, dao -> dao.outcomes(victim, 5));
    assertThat(victimOutcomes)
        .singleElement()
        .satisfies(o -> assertThat(o.reason()).startsWith("degraded beyond the release's effect"));
    assertThat(latestSnapshot(victim).bad()).isCloseTo(1.0, within(1e-9));
    assertThat(latestSnapshot(fleet.get(0).id()).good()).isCloseTo(1.0, within(1e-9));
    assertThat(latestSnapshot(victim).lowerBound())
        .isLessThan(latestSnapshot(fleet.get(0).id()).lowerBound());
  }

  /**
   * A target another release deployed after this one ran that release's build from then on: its
   * telemetry is that release's evidence, not this one's, so nothing is counted twice.
   */
  @Test
  void feedbackCountsATargetOnlyUntilAnotherReleaseReplacedTheBuild() {
    PushTelemetrySource pushed = new PushTelemetrySource(jdbi);
    TrustActivitiesImpl activities = activities(pushed);
    release("3.0", Strategy.ALL_AT_ONCE, pushed);
    deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    String taken = fleet.get(7).id();
    Instant replaced = DEPLOYED.plus(Duration.ofMinutes(10));
    DeploymentDao deployments = jdbi.onDemand(DeploymentDao.class);
    deployments.insertPending("next", List.of(taken), List.of(1), "3.1");
    deployWaveAt(jdbi, "next", 1, replaced);
    List<TelemetrySample> samples = new ArrayList<>();
    for (Target target : fleet) {
      samples.addAll(minutes(target.id(), DEPLOYED.minusSeconds(45 * 60), 45, 1_000, 1, 100.0));
      samples.addAll(minutes(target.id(), DEPLOYED, 10, 1_000, 1, 100.0));
      // After the next release took the target over, its faulty build errs ten times as often.
      long errors = target.id().equals(taken) ? 10 : 1;
      samples.addAll(minutes(target.id(), replaced, 20, 1_000, errors, 100.0));
    }
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(samples));

    OutcomeSummary summary = activities.recordAt(request(ReleaseStatus.COMPLETED), FINISHED);

    assertThat(summary.bad()).isZero();
    assertThat(verdicts().get(taken)).isEqualTo("GOOD");
    List<OutcomeRow> outcomes = jdbi.withExtension(TrustDao.class, dao -> dao.outcomes(taken, 5));
    assertThat(outcomes)
        .singleElement()
        .satisfies(o -> assertThat(o.reason()).contains("10 errors in 10000 requests"));
  }

  @Test
  void retryRecordsNothingTwice() {
    TrustActivitiesImpl activities = activities(Releases.simulatedTelemetry(jdbi));
    release("3.0", Strategy.ALL_AT_ONCE, Releases.simulatedTelemetry(jdbi));
    deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    OutcomeSummary first = activities.recordAt(request(ReleaseStatus.COMPLETED), FINISHED);
    Map<String, String> verdicts = verdicts();
    long snapshots = snapshotCount("outcome");

    OutcomeSummary retry =
        activities.recordAt(request(ReleaseStatus.COMPLETED), FINISHED.plusSeconds(90));

    assertThat(retry.good()).isEqualTo(first.good());
    assertThat(retry.bad()).isEqualTo(first.bad());
    assertThat(outcomeCount()).isEqualTo(FLEET);
    assertThat(verdicts()).isEqualTo(verdicts);
    assertThat(auditCount(jdbi, RELEASE, "trust-feedback")).isOne();
    assertThat(snapshotCount("outcome")).isEqualTo(snapshots);
  }

  @Test
  void releaseThatNeverDeployedRecordsNothing() {
    TrustActivitiesImpl activities = activities(Releases.simulatedTelemetry(jdbi));
    release("3.0", Strategy.TRUST_WEIGHTED, Releases.simulatedTelemetry(jdbi));

    OutcomeSummary summary = activities.recordAt(request(ReleaseStatus.ABORTED), FINISHED);

    assertThat(summary.good() + summary.bad() + summary.none()).isZero();
    assertThat(outcomeCount()).isZero();
    assertThat(snapshotCount("outcome")).isZero();
    assertThat(auditCount(jdbi, RELEASE, "trust-feedback")).isZero();
  }

  /**
   * An attempt that committed its outcomes but died before storing the fresh snapshots leaves a
   * retry with nothing to insert; the retry must still leave every target with a snapshot that
   * includes this release's outcome.
   */
  @Test
  void retryAfterACrashBetweenOutcomesAndSnapshotsStillStoresFreshSnapshots() {
    TrustActivitiesImpl activities = activities(Releases.simulatedTelemetry(jdbi));
    release("3.0", Strategy.ALL_AT_ONCE, Releases.simulatedTelemetry(jdbi));
    deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    // What the first attempt committed before the worker died: outcomes and the audit row.
    List<OutcomeRow> committed =
        fleet.stream()
            .map(t -> new OutcomeRow(RELEASE, t.id(), "GOOD", "took the release", FINISHED))
            .toList();
    jdbi.useExtension(TrustDao.class, dao -> dao.insertOutcomes(committed));

    activities.recordAt(request(ReleaseStatus.COMPLETED), FINISHED.plusSeconds(30));

    assertThat(snapshotCount("outcome"))
        .as("fresh snapshots after the retried feedback")
        .isEqualTo(FLEET);
  }

  // --- helpers -----------------------------------------------------------------------------

  private TrustActivitiesImpl activities(TelemetrySource telemetry) {
    return new TrustActivitiesImpl(jdbi, telemetry, engine(telemetry));
  }

  private TrustEngine engine(TelemetrySource telemetry) {
    return new TrustEngine(jdbi, telemetry, TrustSettings.defaults());
  }

  /** Plans the release an hour before it deploys. */
  private void release(String version, Strategy strategy, TelemetrySource telemetry) {
    TrustEngine trust = engine(telemetry);
    new PlanningActivitiesImpl(
            jdbi, new ReleasePlanner(trust), new ReplanStep(jdbi, trust, telemetry))
        .planAt(spec(RELEASE, version, strategy), DEPLOYED.minus(Duration.ofHours(1)));
  }

  private static OutcomeRequest request(ReleaseStatus status) {
    return new OutcomeRequest(RELEASE, "plan-" + RELEASE, status);
  }

  private List<String> ids() {
    return fleet.stream().map(Target::id).toList();
  }

  private Map<String, String> verdicts() {
    return jdbi.withHandle(
        h ->
            h
                .createQuery("SELECT target_id, verdict FROM target_outcomes WHERE release_id = :r")
                .bind("r", RELEASE)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private long outcomeCount() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM target_outcomes").mapTo(Long.class).one());
  }

  private long snapshotCount(String cause) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM trust_snapshots WHERE cause = :c AND release_id = :r")
                .bind("c", cause)
                .bind("r", RELEASE)
                .mapTo(Long.class)
                .one());
  }

  private TrustSnapshotRow latestSnapshot(String targetId) {
    return jdbi.withExtension(TrustDao.class, dao -> dao.history(targetId, 1)).get(0);
  }

  private List<AuditEntry> audit(String action) {
    return jdbi.withExtension(AuditDao.class, dao -> dao.forRelease(RELEASE)).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }
}
