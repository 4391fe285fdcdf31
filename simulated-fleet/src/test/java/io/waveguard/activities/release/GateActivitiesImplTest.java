package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.applicationFailure;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.simulatedfleet.FleetDatabase;
import io.waveguard.simulatedfleet.deploy.SimulatedDeployer;
import io.waveguard.simulatedfleet.telemetry.FaultModel;
import io.waveguard.simulatedfleet.telemetry.SimulatedTelemetrySource;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.DeploymentActivities;
import io.waveguard.workflows.activities.GateActivities;
import io.waveguard.workflows.activities.GateRequest;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.WaveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GateActivitiesImplTest {

  /** Gate knobs; the first wave's size comes from the strategy's planner. */
  private static final ReleasePolicy POLICY =
      new ReleasePolicy(600, 2, 25.0, 2.0, 1_000, List.of(), null, null);

  private static final Duration BAKE = Duration.ofMinutes(10);

  private final List<TestActivityEnvironment> environments = new ArrayList<>();
  private Jdbi jdbi;

  @BeforeEach
  void setUp() {
    jdbi = FleetDatabase.migrated();
    storeFleet(jdbi, 40);
  }

  @AfterEach
  void tearDown() {
    environments.forEach(TestActivityEnvironment::close);
  }

  @Test
  void faultyWaveFailsAgainstNotYetDeployedControls() {
    Instant bakeStart = releaseFirstWave("3.0-faulty", Strategy.TRUST_WEIGHTED);

    GateResult result = gate(simulated()).evaluateWave(request(1, bakeStart));

    int wave = waveSize(1);
    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason())
        .contains("%d deployed targets vs %d not-yet-deployed controls".formatted(wave, 40 - wave));
    assertThat(result.deployed().errorRate()).isGreaterThan(4 * result.control().errorRate());
  }

  @Test
  void healthyWavePassesAgainstNotYetDeployedControls() {
    Instant bakeStart = releaseFirstWave("3.0", Strategy.TRUST_WEIGHTED);

    GateResult result = gate(simulated()).evaluateWave(request(1, bakeStart));

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(result.deployed().requests()).isGreaterThanOrEqualTo(1_000);
    assertThat(result.control().targets()).isEqualTo(40 - waveSize(1));
  }

  @Test
  void withNoControlsLeftTheWaveIsComparedWithItsOwnPrecedingWindow() {
    Instant bakeStart = releaseFirstWave("3.0-faulty", Strategy.ALL_AT_ONCE);

    GateResult result = gate(simulated()).evaluateWave(request(1, bakeStart));

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("40 deployed targets vs themselves over 10m before");
    assertThat(result.control().targets()).isEqualTo(40);
  }

  @Test
  void healthyAllAtOnceReleasePassesAgainstItsPrecedingWindow() {
    Instant bakeStart = releaseFirstWave("3.0", Strategy.ALL_AT_ONCE);

    GateResult result = gate(simulated()).evaluateWave(request(1, bakeStart));

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
  }

  @Test
  void pushedTelemetryMissingIsInconclusiveNeverHealthy() {
    Instant bakeStart = releaseFirstWave("3.0", Strategy.TRUST_WEIGHTED);

    GateResult result = gate(new PushTelemetrySource(jdbi)).evaluateWave(request(1, bakeStart));

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.deployed().requests()).isZero();
    assertThat(result.control().requests()).isZero();
  }

  @Test
  void pushedTelemetryShowingMoreErrorsOnTheWaveFails() {
    Instant bakeStart = releaseFirstWave("3.0", Strategy.TRUST_WEIGHTED);
    List<String> deployed =
        jdbi.withExtension(DeploymentDao.class, d -> d.wave("r1", 1)).stream()
            .map(row -> row.targetId())
            .toList();
    List<String> controls = jdbi.withExtension(DeploymentDao.class, d -> d.pendingTargets("r1"));
    List<TelemetrySample> samples = new ArrayList<>();
    deployed.forEach(id -> samples.add(sample(id, bakeStart, 1_000, 30)));
    controls.forEach(id -> samples.add(sample(id, bakeStart, 1_000, 1)));
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(samples));

    GateResult result = gate(new PushTelemetrySource(jdbi)).evaluateWave(request(1, bakeStart));

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.deployed().requests()).isEqualTo(1_000L * deployed.size());
    assertThat(result.control().requests()).isEqualTo(1_000L * controls.size());
  }

  @Test
  void waveMissingFromThePlanFailsWithoutRetry() {
    releaseFirstWave("3.0", Strategy.ALL_AT_ONCE);

    ApplicationFailure failure =
        applicationFailure(() -> gate(simulated()).evaluateWave(request(7, Instant.now())));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.PLAN_NOT_FOUND);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  private int waveSize(int wave) {
    return jdbi.withExtension(DeploymentDao.class, d -> d.wave("r1", wave)).size();
  }

  /** Plans release r1, deploys its first wave and returns when its bake window opens. */
  private Instant releaseFirstWave(String version, Strategy strategy) {
    ReleaseSpec spec =
        new ReleaseSpec(
            "r1", Releases.SERVICE, version, strategy, TargetSelector.all(), POLICY, "test");
    PlanSummary plan = Releases.planning(jdbi).planAt(spec, Instant.now());
    TestActivityEnvironment env = environment();
    env.registerActivitiesImplementations(
        new DeploymentActivitiesImpl(jdbi, new SimulatedDeployer(jdbi)));
    env.newActivityStub(DeploymentActivities.class)
        .deployWave(new WaveRequest("r1", plan.planId(), version, 1));
    return Instant.now();
  }

  private GateActivities gate(TelemetrySource telemetry) {
    TestActivityEnvironment env = environment();
    env.registerActivitiesImplementations(
        new GateActivitiesImpl(
            jdbi, telemetry, new io.waveguard.policy.gate.ReleaseGate(), Duration.ofMinutes(45)));
    return env.newActivityStub(GateActivities.class);
  }

  private SimulatedTelemetrySource simulated() {
    // Enough traffic that a healthy wave of one small target decides within one bake.
    return new SimulatedTelemetrySource(jdbi, new FaultModel(), 50_000);
  }

  private TestActivityEnvironment environment() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
    return env;
  }

  private static GateRequest request(int wave, Instant bakeStart) {
    return new GateRequest("r1", "plan-r1", wave, bakeStart, bakeStart.plus(BAKE), POLICY);
  }

  private static TelemetrySample sample(String target, Instant start, long requests, long errors) {
    return new TelemetrySample(target, start, start.plusSeconds(60), requests, errors, null, 0);
  }
}
