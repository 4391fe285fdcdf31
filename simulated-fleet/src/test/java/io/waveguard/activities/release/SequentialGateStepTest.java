package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.auditCount;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.GateEvidenceDao;
import io.waveguard.activities.db.GateEvidenceRow;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulatedfleet.telemetry.FaultModel;
import io.waveguard.simulatedfleet.telemetry.SimulatedTelemetrySource;
import io.waveguard.workflows.activities.GateActivities;
import io.waveguard.workflows.activities.GateRequest;
import io.waveguard.workflows.activities.PlanSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production gate activity under the sequential gate, over simulated telemetry on a clock the
 * test chooses (the simulated fleet's numbers depend only on targets, window and deployments), so
 * every period is repeatable.
 */
class SequentialGateStepTest {

  private static final SequentialGatePolicy GATE = SequentialGatePolicy.defaults();

  /** Per-wave knobs only shape the plan here: a quarter of the fleet first, then doubling. */
  private static final ReleasePolicy POLICY =
      new ReleasePolicy(600, 2, 25.0, 2.0, 1_000, List.of(), GATE, null);

  private static final Instant FIRST_DEPLOY = Instant.parse("2026-03-01T10:00:00Z");
  private static final int FLEET = 40;

  /**
   * Simulated requests per unit of target size and minute: about one error per target and period,
   * so a good first wave needs more than one period to show its ratio is below the tolerance.
   */
  private static final long REQUESTS_PER_MINUTE = 2_000;

  private final List<TestActivityEnvironment> environments = new ArrayList<>();
  private Jdbi jdbi;
  private PlanSummary plan;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    storeFleet(jdbi, FLEET);
  }

  @AfterEach
  void tearDown() {
    environments.forEach(TestActivityEnvironment::close);
  }

  @Test
  void passesAGoodBuildAfterSomePeriods() {
    release("3.0", Strategy.TRUST_WEIGHTED);
    GateActivities gate = gate(simulated());

    List<GateResult> results = untilDecided(gate, 1, 30);

    GateResult last = results.get(results.size() - 1);
    assertThat(last.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(results.size()).as("periods until the pass").isGreaterThan(1);
    assertThat(results.subList(0, results.size() - 1))
        .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE));
    int wave = waveSize(1);
    assertThat(last.reason())
        .startsWith(
            "%d deployed targets vs %d not-yet-deployed controls: sequential test over %d periods"
                .formatted(wave, FLEET - wave, results.size()));
    assertThat(last.deployed().targets()).isEqualTo(wave);
    assertThat(last.control().targets()).isEqualTo(FLEET - wave);
  }

  @Test
  void failsAFaultyBuildWithinAFewPeriods() {
    release("3.0-faulty", Strategy.TRUST_WEIGHTED);
    GateActivities gate = gate(simulated());

    List<GateResult> results = untilDecided(gate, 1, 3);

    GateResult last = results.get(results.size() - 1);
    assertThat(last.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(last.reason()).contains("errors in all crossed the rollback boundary");
    // Against the deployed targets' own error rate before the release, not the controls': the
    // fleet's baselines differ from target to target, and the gate compares each cohort with its
    // own.
    assertThat(last.deployed().errorRate()).isGreaterThan(4 * errorRateBefore(deployedIds(1)));
  }

  /** The targets' error rate over the hour before the first deploy, when they ran the old build. */
  private double errorRateBefore(List<String> targetIds) {
    long requests = 0;
    long errors = 0;
    for (TargetTelemetry t :
        simulated()
            .perTarget(targetIds, FIRST_DEPLOY.minus(Duration.ofHours(1)), FIRST_DEPLOY)
            .values()) {
      requests += t.requests();
      errors += t.errors();
    }
    assertThat(requests).as("requests before the release").isPositive();
    return (double) errors / requests;
  }

  @Test
  void neverPassesASilentBuildAndNamesTheSilentTargets() {
    release("3.0-silent", Strategy.TRUST_WEIGHTED);
    GateActivities gate = gate(simulated());

    List<GateResult> results = untilDecided(gate, 1, 20);

    assertThat(results)
        .hasSize(20)
        .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE));
    String silent = deployedIds(1).get(0);
    int wave = waveSize(1);
    assertThat(results.get(19).reason())
        .contains("%d of %d deployed targets reported nothing".formatted(wave, wave))
        .contains(silent)
        .contains("so the wave cannot pass");
    assertThat(results.get(19).deployed().requests()).isZero();
  }

  @Test
  void aRetriedEvaluationOfAPeriodReturnsTheStoredVerdictAndStoresOneRow() {
    release("3.0-faulty", Strategy.TRUST_WEIGHTED);
    GateResult first = gate(simulated()).evaluateWave(request(1, 0));

    // The retry sees no telemetry at all: had it judged again, it could not have failed.
    GateResult retried = gate(new PushTelemetrySource(jdbi)).evaluateWave(request(1, 0));

    assertThat(first.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(retried).isEqualTo(first);
    assertThat(periods()).hasSize(1);
    assertThat(auditCount(jdbi, "r1", "gate")).isEqualTo(1);
  }

  @Test
  void theLastWaveIsComparedWithItsOwnTargetsBeforeTheRelease() {
    release("3.0-faulty", Strategy.ALL_AT_ONCE);
    GateActivities gate = gate(simulated());

    List<GateResult> results = untilDecided(gate, 1, 3);

    GateResult last = results.get(results.size() - 1);
    assertThat(last.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(last.reason())
        .startsWith("%d deployed targets vs their own hour before the release".formatted(FLEET));
    // The controls are the same targets over their baseline hour.
    assertThat(last.control().targets()).isEqualTo(FLEET);
    assertThat(last.control().requests()).isGreaterThan(30 * last.deployed().requests());
  }

  @Test
  void aGoodLastWavePassesAgainstItsOwnPastForItsOwnTier() {
    release("3.0", Strategy.ALL_AT_ONCE);
    GateActivities gate = gate(simulated());

    List<GateResult> results = untilDecided(gate, 1, 30);

    GateResult last = results.get(results.size() - 1);
    assertThat(last.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(last.reason())
        .startsWith("%d deployed targets vs their own hour before the release".formatted(FLEET))
        .contains("(%s tolerance".formatted(entryTier(1).wireName()));
  }

  @Test
  void evidenceCarriesOverIntoTheNextWave() {
    release("3.0", Strategy.TRUST_WEIGHTED);
    GateActivities gate = gate(simulated());
    List<GateResult> first = untilDecided(gate, 1, 30);
    assertThat(first.get(first.size() - 1).verdict()).isEqualTo(GateVerdict.PASS);

    Instant secondDeploy = periodStart(first.size());
    Releases.deployWaveAt(jdbi, "r1", 2, secondDeploy);
    GateResult next = gate.evaluateWave(request(2, first.size()));

    int deployed = waveSize(1) + waveSize(2);
    assertThat(next.reason())
        .startsWith(
            "%d deployed targets vs %d not-yet-deployed controls: sequential test over %d periods"
                .formatted(deployed, FLEET - deployed, first.size() + 1));
    assertThat(periods()).extracting(GateEvidenceRow::wave).endsWith(1, 2);
  }

  /** Plans release r1 at the first deploy and deploys its first wave then. */
  private void release(String version, Strategy strategy) {
    ReleaseSpec spec =
        new ReleaseSpec(
            "r1", Releases.SERVICE, version, strategy, TargetSelector.all(), POLICY, "test");
    plan = Releases.planning(jdbi).planAt(spec, FIRST_DEPLOY);
    Releases.deployWaveAt(jdbi, "r1", 1, FIRST_DEPLOY);
  }

  /** Evaluates the wave's periods from the first deploy until a decision or {@code max} periods. */
  private List<GateResult> untilDecided(GateActivities gate, int wave, int max) {
    List<GateResult> results = new ArrayList<>();
    for (int period = 0; period < max; period++) {
      GateResult result = gate.evaluateWave(request(wave, period));
      results.add(result);
      if (result.verdict() != GateVerdict.INCONCLUSIVE) {
        break;
      }
    }
    return results;
  }

  /** The gate request for the {@code period}-th period after the first deploy. */
  private GateRequest request(int wave, int period) {
    return new GateRequest(
        "r1",
        plan.planId(),
        wave,
        periodStart(period),
        periodStart(period + 1),
        POLICY,
        entryTier(wave));
  }

  /** What the release controller asks for: the next wave's tier, or the last wave's own. */
  private Tier entryTier(int wave) {
    int next = Math.min(wave + 1, plan.waves().size());
    return plan.waves().get(next - 1).highestTier();
  }

  private static Instant periodStart(int period) {
    return FIRST_DEPLOY.plusSeconds(GATE.periodSeconds() * period);
  }

  private List<GateEvidenceRow> periods() {
    return jdbi.withExtension(GateEvidenceDao.class, dao -> dao.forRelease("r1"));
  }

  private int waveSize(int wave) {
    return deployedIds(wave).size();
  }

  private List<String> deployedIds(int wave) {
    return jdbi.withExtension(DeploymentDao.class, d -> d.wave("r1", wave)).stream()
        .filter(TargetDeployment::isDeployed)
        .map(TargetDeployment::targetId)
        .toList();
  }

  private GateActivities gate(TelemetrySource telemetry) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
    env.registerActivitiesImplementations(
        new GateActivitiesImpl(
            jdbi,
            telemetry,
            new io.waveguard.policy.gate.ReleaseGate(),
            java.time.Duration.ofMinutes(45)));
    return env.newActivityStub(GateActivities.class);
  }

  private SimulatedTelemetrySource simulated() {
    return new SimulatedTelemetrySource(jdbi, new FaultModel(), REQUESTS_PER_MINUTE);
  }
}
