package io.waveguard.api.demo;

import static io.waveguard.api.demo.DemoScenario.FAULTY_RELEASE;
import static io.waveguard.api.demo.DemoScenario.GOOD_RELEASE;
import static io.waveguard.api.demo.DemoScenario.SILENT_RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.GateEvidenceDao;
import io.waveguard.activities.db.GateEvidenceRow;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.api.support.Api;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.simulatedfleet.deploy.FleetLogEntry;
import io.waveguard.simulatedfleet.deploy.SimulatedFleetLogDao;
import io.waveguard.workflows.release.ReleaseState;
import io.waveguard.workflows.release.WaveView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, on its own embedded PostgreSQL and Temporal server and on free ports: what
 * {@code demo --exit-when-done} checks, plus what a faulty release must never have touched.
 */
class DemoRunTest {

  private static final Map<String, Tier> TIERS =
      DemoScenario.fleet().stream().collect(Collectors.toMap(Target::id, Target::tier));

  private static final long MIN_BAKE_SECONDS = 3;

  private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private static DemoRun demo;
  private static DemoOutcome outcome;

  @BeforeAll
  static void runTheDemo() throws Exception {
    // Free ports everywhere, so a demo or dev server running on this machine does not interfere.
    DemoOptions options =
        new DemoOptions(
            0, 0, 0, MIN_BAKE_SECONDS, Duration.ofSeconds(180), TemporalChoice.EMBEDDED, 0);
    demo = DemoRun.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
    outcome = demo.awaitOutcome();
    demo.printOutcome(outcome);
    if (outcome.exitCode() != 0) {
      // What the demo printed is the diagnosis: which wave, which gate reason.
      System.out.print(printed.toString(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopTheDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  private static boolean critical(String targetId) {
    return TIERS.get(targetId).compareTo(Tier.FINANCE_CRITICAL) >= 0;
  }

  @Test
  void goodReleaseCompletesFaultyRollsBackSilentPausesUntilAborted() {
    assertThat(outcome.statuses())
        .containsExactly(
            entry(GOOD_RELEASE, ReleaseStatus.COMPLETED),
            entry(FAULTY_RELEASE, ReleaseStatus.ROLLED_BACK),
            entry(SILENT_RELEASE, ReleaseStatus.ABORTED));
    assertThat(outcome.exitCode()).isZero();
    int waves = demo.releases().state(GOOD_RELEASE).waveCount();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("release payments-2-4-0 COMPLETED\n")
        .contains("release payments-2-5-0-faulty ROLLED_BACK\n")
        .contains("release payments-2-6-0-silent ABORTED\n")
        .contains("[payments-2-4-0] wave %d/%d PASSED".formatted(waves, waves))
        .contains("[payments-2-6-0-silent] PAUSED  gate undecided on wave 1 after the maximum bake")
        .contains("deployed targets reported nothing");
  }

  @Test
  void eachReleaseIsOneTraceFromItsStartThroughEveryActivityAndItsEndIsPrinted() {
    for (String releaseId : List.of(GOOD_RELEASE, FAULTY_RELEASE, SILENT_RELEASE)) {
      DemoTraces.ReleaseTrace trace = demo.traces().of(releaseId).orElseThrow();

      assertThat(trace.traceIds()).as(releaseId).hasSize(1);
      assertThat(trace.byName())
          .as(releaseId)
          .containsKeys(
              "StartWorkflow:Release",
              "RunWorkflow:Release",
              "StartActivity:PlanRelease",
              "RunActivity:PlanRelease",
              "RunActivity:DeployWave",
              "RunActivity:EvaluateWave");
      // Printed when the demo ended (a query's replay may add a workflow span since).
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("trace of %s: one trace %s, ".formatted(releaseId, trace.traceIds().get(0)));
    }
    // Every wave of the good release deployed in that same trace (a retried attempt adds a span).
    assertThat(demo.traces().of(GOOD_RELEASE).orElseThrow().byName().get("RunActivity:DeployWave"))
        .isGreaterThanOrEqualTo(demo.releases().state(GOOD_RELEASE).waveCount());
  }

  @Test
  void goodReleaseWavesMovedOnOnceTheGatePassedAndTheLastFacedItsOwnPast() {
    List<GateEvidenceRow> periods =
        demo.jdbi().withExtension(GateEvidenceDao.class, dao -> dao.forRelease(GOOD_RELEASE));
    int waves = demo.releases().state(GOOD_RELEASE).waveCount();
    var gate = DemoScenario.policy(MIN_BAKE_SECONDS).sequentialGate();

    Map<Integer, Long> perWave =
        periods.stream()
            .collect(Collectors.groupingBy(GateEvidenceRow::wave, Collectors.counting()));
    assertThat(perWave).hasSize(waves);
    // At least the minimum bake, and short of the maximum, where the wave would have paused.
    assertThat(perWave.values())
        .allSatisfy(
            n -> assertThat(n).isBetween((long) gate.minBakePeriods(), gate.maxBakePeriods() - 1L));
    GateEvidenceRow last = periods.get(periods.size() - 1);
    assertThat(last.wave()).isEqualTo(waves);
    assertThat(last.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(last.reason())
        .startsWith(
            "%d deployed targets vs their own hour before the release".formatted(TIERS.size()));
  }

  @Test
  void printsATokenPerRoleThatTheApiAccepts() {
    String out = printed.toString(StandardCharsets.UTF_8);
    Map<String, String> tokens =
        out.lines()
            .map(String::strip)
            .filter(l -> l.matches("token [a-z]+ wg_[A-Za-z0-9_-]{43}"))
            .map(l -> l.split(" "))
            .collect(Collectors.toMap(parts -> parts[1], parts -> parts[2]));
    URI base = demo.server().baseUri();

    assertThat(tokens).containsOnlyKeys("viewer", "releaser", "operator", "ingest", "admin");
    assertThat(Api.withToken(base, tokens.get("viewer")).get("/api/v1/releases").status())
        .isEqualTo(200);
    assertThat(Api.withToken(base, tokens.get("ingest")).get("/api/v1/releases").status())
        .isEqualTo(403);
    assertThat(
            Api.withToken(base, tokens.get("admin"))
                .get("/api/v1/releases/" + GOOD_RELEASE)
                .status())
        .isEqualTo(200);
    assertThat(out).contains("-H \"Authorization: Bearer $TOKEN\"");
  }

  @Test
  void dryRunPrintedSafetyCriticalTargetsOnlyInTheLastWaves() {
    String out = printed.toString(StandardCharsets.UTF_8);
    int waves = demo.releases().state(GOOD_RELEASE).waveCount();

    assertThat(out).contains("Dry run of payments 2.4.0 (trust-weighted");
    int first = 0;
    for (int wave = 1; wave <= waves && first == 0; wave++) {
      if (out.matches("(?s).*wave %d: +\\d+ targets, safety-critical.*".formatted(wave))) {
        first = wave;
      }
    }
    // The tier's probe wave and the rest of the tier, after every other tier.
    assertThat(first).as("first safety-critical wave").isGreaterThan(1);
    for (int wave = first; wave <= waves; wave++) {
      assertThat(out).containsPattern("wave %d: +\\d+ targets, safety-critical".formatted(wave));
    }
    assertThat(out).contains("the tier's probe wave");
  }

  @Test
  void goodReleaseDeployedEveryTargetExactlyOnce() {
    List<TargetDeployment> rows =
        demo.jdbi().withExtension(DeploymentDao.class, dao -> dao.release(GOOD_RELEASE));

    assertThat(rows).hasSize(TIERS.size());
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.state()).isEqualTo("DEPLOYED");
              assertThat(row.deployCount()).isEqualTo(1);
            });
  }

  @Test
  void faultyReleaseNeverDeployedAFinanceOrSafetyCriticalTarget() {
    List<TargetDeployment> rows =
        demo.jdbi().withExtension(DeploymentDao.class, dao -> dao.release(FAULTY_RELEASE));
    List<FleetLogEntry> sentToFleet =
        demo.jdbi()
            .withExtension(SimulatedFleetLogDao.class, dao -> dao.forRelease(FAULTY_RELEASE));

    assertThat(rows).filteredOn(row -> critical(row.targetId())).hasSize(10);
    assertThat(rows)
        .filteredOn(row -> critical(row.targetId()))
        .allSatisfy(
            row -> {
              assertThat(row.state()).isEqualTo("PENDING");
              assertThat(row.deployCount()).isZero();
              assertThat(row.inFlightKey()).isNull();
            });
    assertThat(sentToFleet).noneMatch(entry -> critical(entry.targetId()));
    assertThat(rows)
        .filteredOn(TargetDeployment::isRolledBack)
        .allSatisfy(row -> assertThat(row.rollbackCount()).isEqualTo(1));
  }

  @Test
  void faultyReleaseStoppedAtItsFirstWaveAndLeftTheRestPending() {
    ReleaseState state = demo.releases().state(FAULTY_RELEASE);
    List<WaveView> waves = state.waves();

    assertThat(waves).hasSize(demo.releases().state(GOOD_RELEASE).waveCount());
    assertThat(waves.get(0).status()).isEqualTo(WaveStatus.ROLLED_BACK);
    assertThat(waves.get(0).gate().verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(waves.subList(1, waves.size()))
        .allSatisfy(wave -> assertThat(wave.status()).isEqualTo(WaveStatus.PENDING));
    assertThat(state.outcomeReason()).contains("gate failed on wave 1");
  }

  @Test
  void gatesReplansAndOutcomesAreInTheAuditLogAndTrustLearnedFromBothReleases() {
    List<AuditEntry> good =
        demo.jdbi().withExtension(AuditDao.class, a -> a.forRelease(GOOD_RELEASE));
    List<AuditEntry> faulty =
        demo.jdbi().withExtension(AuditDao.class, a -> a.forRelease(FAULTY_RELEASE));

    assertThat(good).filteredOn(e -> e.action().equals("replan")).isNotEmpty();
    List<AuditEntry> goodGates = good.stream().filter(e -> e.action().equals("gate")).toList();
    // A gate may keep sampling (INCONCLUSIVE) before it passes; none of the good one's fails.
    assertThat(goodGates).noneSatisfy(e -> assertThat(e.reason()).startsWith("FAIL"));
    assertThat(goodGates.get(goodGates.size() - 1).reason()).startsWith("PASS");
    assertThat(faulty)
        .filteredOn(e -> e.action().equals("gate"))
        .anySatisfy(
            e -> {
              assertThat(e.reason()).startsWith("FAIL").contains("crossed the rollback boundary");
              assertThat(e.outcome()).isEqualTo("RECORDED");
              assertThat(e.detail()).contains("deployed").contains("controls");
            });
    assertThat(faulty).filteredOn(e -> e.action().equals("trust-feedback")).hasSize(1);
    // The good release vouches for every target; the faulty one blames none of them.
    assertThat(verdicts(GOOD_RELEASE)).containsOnly("GOOD");
    assertThat(verdicts(FAULTY_RELEASE)).isNotEmpty().containsOnly("NONE");
  }

  private static List<String> verdicts(String releaseId) {
    return demo.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT verdict FROM target_outcomes WHERE release_id = :r")
                    .bind("r", releaseId)
                    .mapTo(String.class)
                    .list());
  }
}
