package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.auditCount;
import static io.waveguard.activities.release.Releases.spec;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.OutcomeRow;
import io.waveguard.activities.db.PlanDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.simulatedfleet.FleetDatabase;
import io.waveguard.simulatedfleet.deploy.SimulatedDeployer;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.DeploymentActivities;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.ReplanRequest;
import io.waveguard.workflows.activities.ReplanResult;
import io.waveguard.workflows.activities.WaveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplanStepTest {

  private static final String RELEASE = "r1";
  private static final String PLAN = "plan-r1";
  private static final int FLEET = 40;

  private final List<TestActivityEnvironment> environments = new ArrayList<>();
  private Jdbi jdbi;
  private Map<String, Target> fleet;
  private Instant planned;
  private int outcomeReleases;

  @BeforeEach
  void setUp() {
    jdbi = FleetDatabase.migrated();
    fleet =
        storeFleet(jdbi, FLEET).stream().collect(Collectors.toMap(Target::id, Function.identity()));
    planned = Instant.now();
  }

  @AfterEach
  void tearDown() {
    environments.forEach(TestActivityEnvironment::close);
  }

  @Test
  void replanKeepsTheRemainingWavesSizesAndTiersAndMovesTargetsByFreshTrust() {
    TrustEngine trust = Releases.trust(jdbi);
    PlanSummary plan = plan(trust);
    assertThat(plan.waves().get(0).highestTier()).isEqualTo(Tier.LOW);
    deploy(1);
    // Fresh evidence since planning: the next low wave's targets failed, the last low wave's did
    // well, so re-ranking must swap some of them.
    List<WaveSummary> lowLeft =
        plan.waves().stream().filter(w -> w.index() >= 2 && w.highestTier() == Tier.LOW).toList();
    assertThat(lowLeft).as("remaining low-tier waves").hasSizeGreaterThanOrEqualTo(2);
    List<String> failed = targetsOf(lowLeft.get(0).index());
    List<String> proven = targetsOf(lowLeft.get(lowLeft.size() - 1).index());
    failed.forEach(id -> outcomes(id, 10, "BAD"));
    proven.forEach(id -> outcomes(id, 10, "GOOD"));
    Map<String, Integer> before = waveOfEachTarget();

    ReplanResult result = step(trust).replan(request(2), planned.plus(Duration.ofMinutes(15)));

    assertThat(shapes(result.remainingWaves()))
        .isEqualTo(shapes(plan.waves().stream().filter(w -> w.index() >= 2).toList()));
    assertThat(result.hold()).as("wave 2 stays in the deployed tier").isNull();
    assertThat(result.movedTargets()).isPositive();
    assertThat(result.reason()).contains(result.movedTargets() + " targets moved");

    Map<String, Integer> after = waveOfEachTarget();
    List<String> moved =
        after.keySet().stream().filter(id -> !after.get(id).equals(before.get(id))).toList();
    assertThat(moved).hasSize(result.movedTargets());
    assertThat(proven).anySatisfy(id -> assertThat(after.get(id)).isLessThan(before.get(id)));
    assertThat(movedReasons())
        .hasSize(result.movedTargets())
        .allSatisfy(reason -> assertThat(reason).contains("before wave 2"));
    assertEveryTargetInExactlyOneWaveMatchingThePlan(plan, 2);
    assertStoredImpactsMatchTheTargets();

    assertThat(snapshots("replan", 2)).isEqualTo(FLEET);
    List<AuditEntry> audit = audit("replan");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).outcome()).isEqualTo("RECORDED");
    assertThat(audit.get(0).reason()).isEqualTo(result.reason());
    assertThat(audit.get(0).detail()).isEqualTo("next wave may start");
  }

  @Test
  void secondCallReturnsTheStoredReplanAndWritesNoSecondAuditRow() {
    TrustEngine trust = Releases.trust(jdbi);
    PlanSummary plan = plan(trust);
    deploy(1);
    Instant replanned = planned.plus(Duration.ofMinutes(15));
    ReplanResult first = step(trust).replan(request(2), replanned);
    List<TargetDeployment> rows = rows();
    long snapshots = snapshots("replan", 2);
    // Trust changes before the retry; the stored answer must stand regardless.
    targetsOf(plan.waves().get(plan.waves().size() - 1).index())
        .forEach(id -> outcomes(id, 10, "GOOD"));

    ReplanResult retry = step(trust).replan(request(2), replanned.plus(Duration.ofMinutes(5)));
    ReplanResult otherWorker =
        step(Releases.trust(jdbi)).replan(request(2), replanned.plus(Duration.ofMinutes(9)));

    assertThat(retry).isEqualTo(first);
    assertThat(otherWorker).isEqualTo(first);
    assertThat(auditCount(jdbi, RELEASE, "replan")).isOne();
    assertThat(rows()).isEqualTo(rows);
    assertThat(snapshots("replan", 2)).isEqualTo(snapshots);
  }

  @Test
  void cohortBelowTheNextTiersThresholdHoldsTheWaveNamingTheTier() {
    TrustSettings strict =
        new TrustSettings(
            TrustSettings.defaults().model(),
            TrustSettings.defaults()
                .planning()
                .withThresholds(
                    Map.of(
                        Tier.LOW, 0.0,
                        Tier.STANDARD, 0.99,
                        Tier.FINANCE_CRITICAL, 0.99,
                        Tier.SAFETY_CRITICAL, 0.99)),
            TrustSettings.defaults().attribution(),
            TrustSettings.defaults().healthWindow(),
            TrustSettings.defaults().baselineWindow(),
            TrustSettings.defaults().fitPriorToFleet());
    TrustEngine trust = new TrustEngine(jdbi, Releases.simulatedTelemetry(jdbi), strict);
    PlanSummary plan = plan(trust);
    int nextWave = 0;
    for (WaveSummary wave : plan.waves()) {
      if (wave.highestTier() != Tier.LOW) {
        nextWave = wave.index();
        break;
      }
      deploy(wave.index());
    }
    assertThat(nextWave).as("first wave above the low tier").isGreaterThan(1);
    Tier entered = plan.waves().get(nextWave - 1).highestTier();

    ReplanResult result =
        step(trust).replan(request(nextWave), planned.plus(Duration.ofMinutes(30)));

    assertThat(result.hold())
        .isNotNull()
        .contains("wave " + nextWave + " enters tier " + entered.wireName())
        .contains("0.990");
    assertThat(result.cohortTrust()).isLessThan(0.99);
    assertThat(audit("replan"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.detail()).isEqualTo("hold: " + result.hold()));
    int next = nextWave;
    assertThat(shapes(result.remainingWaves()))
        .isEqualTo(shapes(plan.waves().stream().filter(w -> w.index() >= next).toList()));
    assertThat(rows().stream().filter(r -> r.wave() >= next))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.isPending()).isTrue());
    assertEveryTargetInExactlyOneWaveMatchingThePlan(plan, nextWave);
  }

  /**
   * Evidence on the new version is what deployed targets served since their own deploy. Here the
   * new version reports nothing at all, so there is none; but the low-tier waves went out an hour
   * apart, and a later wave's traffic before its deploy (on the old version) is no evidence.
   */
  @Test
  void trafficServedBeforeATargetsOwnDeployIsNoEvidenceOnTheNewVersion() {
    ReplanResult result = replanWithNoTrafficOnTheNewVersion(ReleasePolicy.defaults());

    assertThat(result.hold())
        .as("the new version served no request at all")
        .isNotNull()
        .contains("needs 1000 requests of evidence on the new version")
        .contains("served 0");
  }

  /** The sequential gate's confidence bound replaces the request count at a tier's entry. */
  @Test
  void underTheSequentialGateTierEntryNeedsNoRequestCount() {
    ReplanResult result = replanWithNoTrafficOnTheNewVersion(ReleasePolicy.sequentialDefaults());

    assertThat(result.hold()).as("trust thresholds are met, and no count is asked").isNull();
  }

  /** The low-tier waves deployed an hour apart, then a re-plan before the first higher tier. */
  private ReplanResult replanWithNoTrafficOnTheNewVersion(ReleasePolicy policy) {
    TrustSettings lenient =
        new TrustSettings(
            TrustSettings.defaults().model(),
            TrustSettings.defaults()
                .planning()
                .withThresholds(
                    Map.of(
                        Tier.STANDARD, 0.0001,
                        Tier.FINANCE_CRITICAL, 0.0001,
                        Tier.SAFETY_CRITICAL, 0.0001)),
            TrustSettings.defaults().attribution(),
            TrustSettings.defaults().healthWindow(),
            TrustSettings.defaults().baselineWindow(),
            TrustSettings.defaults().fitPriorToFleet());
    PushTelemetrySource pushed = new PushTelemetrySource(jdbi);
    TrustEngine trust = new TrustEngine(jdbi, pushed, lenient);
    Instant start = Instant.parse("2025-03-01T12:00:00Z");
    PlanSummary plan =
        new PlanningActivitiesImpl(
                jdbi, new ReleasePlanner(trust), new ReplanStep(jdbi, trust, pushed))
            .planAt(spec(RELEASE, "2.0", Strategy.TRUST_WEIGHTED), start.minusSeconds(3_600));
    // Deploy the low-tier waves an hour apart; each target reported 1,000 requests a minute on
    // the old version until its own deploy and nothing after it.
    Map<String, Instant> deployedAt = new HashMap<>();
    int nextWave = 0;
    Instant at = start;
    for (WaveSummary wave : plan.waves()) {
      if (wave.highestTier() != Tier.LOW) {
        nextWave = wave.index();
        break;
      }
      for (String id : Releases.deployWaveAt(jdbi, RELEASE, wave.index(), at)) {
        deployedAt.put(id, at);
      }
      at = at.plus(Duration.ofHours(1));
    }
    assertThat(nextWave).as("at least two low-tier waves").isGreaterThan(2);
    Instant replanAt = at.minus(Duration.ofMinutes(50));
    List<TelemetrySample> samples = new ArrayList<>();
    for (String id : fleet.keySet()) {
      Instant silentFrom = deployedAt.getOrDefault(id, replanAt);
      Instant from = start.minus(Duration.ofMinutes(45));
      int minutes = (int) Duration.between(from, silentFrom).toMinutes();
      samples.addAll(Releases.minutes(id, from, minutes, 1_000, 1, 100.0));
    }
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(samples));

    return new ReplanStep(jdbi, trust, pushed)
        .replan(new ReplanRequest(RELEASE, PLAN, nextWave, policy), replanAt);
  }

  @Test
  void replanOfAnUnknownReleaseFailsWithoutRetry() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> step(Releases.trust(jdbi)).replan(request(2), planned));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.PLAN_NOT_FOUND);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  // --- assertions --------------------------------------------------------------------------

  /**
   * Every target of the fleet has exactly one row; deployed rows sit before {@code nextWave},
   * pending ones from it on; each wave holds as many targets, of the tier, as the plan said.
   */
  private void assertEveryTargetInExactlyOneWaveMatchingThePlan(PlanSummary plan, int nextWave) {
    List<TargetDeployment> rows = rows();
    assertThat(rows)
        .extracting(TargetDeployment::targetId)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(fleet.keySet());
    assertThat(rows.stream().filter(r -> r.wave() < nextWave))
        .allSatisfy(row -> assertThat(row.isDeployed()).isTrue());
    assertThat(rows.stream().filter(r -> r.wave() >= nextWave))
        .allSatisfy(row -> assertThat(row.isPending()).isTrue());
    for (WaveSummary wave : plan.waves()) {
      List<Target> members =
          rows.stream()
              .filter(r -> r.wave() == wave.index())
              .map(r -> fleet.get(r.targetId()))
              .toList();
      assertThat(members).as("targets of wave %d", wave.index()).hasSize(wave.targetCount());
      assertThat(members.stream().map(Target::tier).max(Comparator.naturalOrder()).orElseThrow())
          .as("tier of wave %d", wave.index())
          .isEqualTo(wave.highestTier());
    }
  }

  /** The stored waves' impacts are those of the targets that now sit in them. */
  private void assertStoredImpactsMatchTheTargets() {
    Map<Integer, Double> impacts = new HashMap<>();
    for (TargetDeployment row : rows()) {
      impacts.merge(row.wave(), fleet.get(row.targetId()).impact(), Double::sum);
    }
    for (WaveSummary wave : jdbi.withExtension(PlanDao.class, dao -> dao.waves(PLAN))) {
      assertThat(wave.impact())
          .as("impact of wave %d", wave.index())
          .isCloseTo(impacts.get(wave.index()), within(1e-9));
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private PlanSummary plan(TrustEngine trust) {
    return plan(trust, "2.0");
  }

  private PlanSummary plan(TrustEngine trust, String version) {
    PlanningActivitiesImpl planning =
        new PlanningActivitiesImpl(jdbi, new ReleasePlanner(trust), step(trust));
    return planning.planAt(spec(RELEASE, version, Strategy.TRUST_WEIGHTED), planned);
  }

  private ReplanStep step(TrustEngine trust) {
    return new ReplanStep(jdbi, trust, Releases.simulatedTelemetry(jdbi));
  }

  private void deploy(int wave) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
    env.registerActivitiesImplementations(
        new DeploymentActivitiesImpl(jdbi, new SimulatedDeployer(jdbi)));
    env.newActivityStub(DeploymentActivities.class)
        .deployWave(new WaveRequest(RELEASE, PLAN, "2.0", wave));
  }

  private static ReplanRequest request(int nextWave) {
    return new ReplanRequest(RELEASE, PLAN, nextWave, ReleasePolicy.defaults());
  }

  private void outcomes(String targetId, int count, String verdict) {
    List<OutcomeRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new OutcomeRow("earlier-" + ++outcomeReleases, targetId, verdict, "test", planned));
    }
    jdbi.useExtension(TrustDao.class, dao -> dao.insertOutcomes(rows));
  }

  private List<TargetDeployment> rows() {
    return jdbi.withExtension(DeploymentDao.class, dao -> dao.release(RELEASE));
  }

  private List<String> targetsOf(int wave) {
    return jdbi.withExtension(DeploymentDao.class, dao -> dao.wave(RELEASE, wave)).stream()
        .map(TargetDeployment::targetId)
        .toList();
  }

  private Map<String, Integer> waveOfEachTarget() {
    return rows().stream()
        .collect(Collectors.toMap(TargetDeployment::targetId, TargetDeployment::wave));
  }

  private List<String> movedReasons() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT placement_reason FROM deployments WHERE release_id = :r"
                        + " AND placement_reason LIKE 'moved from wave%'")
                .bind("r", RELEASE)
                .mapTo(String.class)
                .list());
  }

  private long snapshots(String cause, int wave) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM trust_snapshots"
                        + " WHERE cause = :cause AND release_id = :r AND wave = :wave")
                .bind("cause", cause)
                .bind("r", RELEASE)
                .bind("wave", wave)
                .mapTo(Long.class)
                .one());
  }

  private List<AuditEntry> audit(String action) {
    return jdbi.withExtension(AuditDao.class, dao -> dao.forRelease(RELEASE)).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }

  /** Index, size and tier of each wave: what a re-plan must keep. */
  private static List<String> shapes(List<WaveSummary> waves) {
    return waves.stream()
        .map(w -> w.index() + ":" + w.targetCount() + ":" + w.highestTier().wireName())
        .toList();
  }
}
