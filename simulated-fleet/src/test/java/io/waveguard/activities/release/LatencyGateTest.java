package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.deployWaveAt;
import static io.waveguard.activities.release.Releases.spec;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.gate.ConditionalSprtErrorGate;
import io.waveguard.policy.gate.ReleaseGate;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.workflows.activities.GateRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's latency half: p99 per interval over each target's own baseline p99, compared between
 * the deployed cohort and controls with Mann–Whitney; and telemetry gone silent is never a pass.
 */
class LatencyGateTest {

  private static final String RELEASE = "r1";
  private static final ReleasePolicy POLICY = ReleasePolicy.defaults();
  private static final Instant DEPLOYED = Instant.parse("2025-03-01T12:00:00Z");

  /** The bake window opens a minute after the deploy, so no window straddles the change. */
  private static final Instant BAKE_START = DEPLOYED.plusSeconds(60);

  /** Thirty one-minute intervals: enough latency samples even for a one-target first wave. */
  private static final Duration BAKE = Duration.ofMinutes(30);

  private Jdbi jdbi;
  private List<Target> fleet;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    fleet = storeFleet(jdbi, 40);
  }

  @Test
  void slowVersionWithCleanErrorsFailsOnLatencyAgainstNotYetDeployedControls() {
    releaseFirstWave("3.0-slow", Strategy.TRUST_WEIGHTED);

    GateResult result = gate(Releases.simulatedTelemetry(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("not-yet-deployed controls").contains("Mann-Whitney");
    assertErrorsAloneWouldNotFail(result);
  }

  @Test
  void slowVersionAllAtOnceFailsOnLatencyAgainstItsOwnPrecedingWindow() {
    releaseFirstWave("3.0-slow", Strategy.ALL_AT_ONCE);

    GateResult result = gate(Releases.simulatedTelemetry(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason())
        .contains("40 deployed targets vs themselves")
        .contains("Mann-Whitney");
    assertErrorsAloneWouldNotFail(result);
  }

  @Test
  void sameReleaseWithoutTheSlowdownDoesNotFail() {
    releaseFirstWave("3.0", Strategy.TRUST_WEIGHTED);

    GateResult result = gate(Releases.simulatedTelemetry(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isNotEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("Mann-Whitney");
  }

  @Test
  void silentVersionIsInconclusiveWithZeroDeployedRequests() {
    releaseFirstWave("3.0-silent", Strategy.ALL_AT_ONCE);

    GateResult result = gate(Releases.simulatedTelemetry(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.deployed().requests()).isZero();
    assertThat(result.deployed().targets()).isZero();
    // The same targets before the release did report: silence is the release's doing.
    assertThat(result.control().requests()).isPositive();
    assertThat(result.reason()).contains("deployed has 0");
  }

  @Test
  void silentFirstWaveIsInconclusiveNextToReportingControls() {
    releaseFirstWave("3.0-silent", Strategy.TRUST_WEIGHTED);

    GateResult result = gate(Releases.simulatedTelemetry(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.deployed().requests()).isZero();
    assertThat(result.control().requests()).isGreaterThanOrEqualTo(POLICY.minRequestsPerCohort());
  }

  @Test
  void pushedP99UpByHalfOnTheWaveFailsWhileErrorsStayClean() {
    List<String> deployed = releaseFirstWave("3.0", Strategy.TRUST_WEIGHTED);
    push(deployed, 1.5);

    GateResult result = gate(new PushTelemetrySource(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("Mann-Whitney");
    assertThat(result.deployed().errorRate()).isEqualTo(result.control().errorRate());
    assertErrorsAloneWouldNotFail(result);
  }

  @Test
  void naturallySlowTargetsOnTheWaveAreNoSignal() {
    List<String> deployed = releaseFirstWave("3.0", Strategy.TRUST_WEIGHTED);
    // Every deployed target is four times slower than any control, before and during the release.
    push(deployed, 1.0);

    GateResult result = gate(new PushTelemetrySource(jdbi)).evaluateWave(request());

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(result.reason()).contains("Mann-Whitney");
  }

  // --- helpers -----------------------------------------------------------------------------

  /** The error test alone, on the same counts: it is latency that decides. */
  private static void assertErrorsAloneWouldNotFail(GateResult result) {
    GateResult errors =
        new ConditionalSprtErrorGate().evaluate(result.deployed(), result.control(), POLICY);
    assertThat(errors.verdict()).as(errors.reason()).isNotEqualTo(GateVerdict.FAIL);
  }

  /** Plans an hour before, deploys wave 1 at {@link #DEPLOYED}; returns its targets. */
  private List<String> releaseFirstWave(String version, Strategy strategy) {
    Releases.planning(jdbi)
        .planAt(spec(RELEASE, version, strategy), DEPLOYED.minus(Duration.ofHours(1)));
    List<String> deployed = deployWaveAt(jdbi, RELEASE, 1, DEPLOYED);
    assertThat(deployed).isNotEmpty();
    List<TargetDeployment> rows =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.wave(RELEASE, 1));
    assertThat(rows).allSatisfy(row -> assertThat(row.isDeployed()).isTrue());
    return deployed;
  }

  /**
   * Pushes 45 baseline minutes before the deploy and the bake window for the whole fleet, all at
   * 0.1 % errors. Deployed targets run at 400 ms p99 (controls at 100 ms) and, during the bake, at
   * {@code slowdown} times that. p99s wobble by a few percent from minute to minute.
   */
  private void push(List<String> deployed, double slowdown) {
    Set<String> wave = Set.copyOf(deployed);
    List<TelemetrySample> samples = new ArrayList<>();
    for (Target target : fleet) {
      boolean onWave = wave.contains(target.id());
      double base = onWave ? 400 : 100;
      Instant baselineStart = DEPLOYED.minus(Duration.ofMinutes(45));
      for (int m = 0; m < 45; m++) {
        samples.add(sample(target.id(), baselineStart, m, base * wobble(m)));
      }
      // The minute between deploy and bake: nobody reads it, but a pusher would send it.
      samples.add(sample(target.id(), DEPLOYED, 0, base * (onWave ? slowdown : 1)));
      for (int m = 0; m < BAKE.toMinutes(); m++) {
        samples.add(
            sample(target.id(), BAKE_START, m, base * (onWave ? slowdown : 1) * wobble(m + 3)));
      }
    }
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(samples));
  }

  private static double wobble(int minute) {
    return 1 + 0.02 * ((minute * 7) % 5 - 2);
  }

  private static TelemetrySample sample(String id, Instant from, int minute, double p99) {
    Instant start = from.plusSeconds(60L * minute);
    return new TelemetrySample(id, start, start.plusSeconds(60), 1_000, 1, p99, 0);
  }

  private GateActivitiesImpl gate(TelemetrySource telemetry) {
    return new GateActivitiesImpl(jdbi, telemetry, new ReleaseGate(), Duration.ofMinutes(45));
  }

  private static GateRequest request() {
    return new GateRequest(
        RELEASE, "plan-" + RELEASE, 1, BAKE_START, BAKE_START.plus(BAKE), POLICY);
  }
}
