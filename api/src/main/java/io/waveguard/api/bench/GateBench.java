package io.waveguard.api.bench;

import static io.waveguard.api.bench.TrustRecomputeBench.seconds;

import io.waveguard.activities.db.BenchDao;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.release.GateActivitiesImpl;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.policy.gate.GateEvidence;
import io.waveguard.policy.gate.ReleaseGate;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.workflows.activities.GateRequest;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * How long one wave gate takes over a large wave: {@link GateActivitiesImpl#evaluateWave} for
 * 10,000 deployed targets against 10,000 not-yet-deployed controls on pushed telemetry (a 10-minute
 * bake and the 45-minute baseline before the release: 1,100,000 telemetry rows read), and the
 * {@link ReleaseGate} decision alone on that evidence (100,000 latency samples per cohort).
 */
final class GateBench {

  private static final String RELEASE = "gate-bench";
  private static final Instant DEPLOYED = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant BAKE_START = DEPLOYED.plusSeconds(60);
  private static final Duration BAKE = Duration.ofMinutes(10);
  private static final Duration BASELINE = Duration.ofMinutes(45);

  private final PrintStream out;

  private GateBench(PrintStream out) {
    this.out = out;
  }

  /** The median seconds of one wave gate over {@code deployed} vs {@code controls} targets. */
  static double run(Jdbi jdbi, int deployed, int controls, int repetitions, PrintStream out) {
    return new GateBench(out).measure(jdbi, deployed, controls, repetitions);
  }

  private double measure(Jdbi jdbi, int deployed, int controls, int repetitions) {
    populate(jdbi, deployed, controls);

    PushTelemetrySource telemetry = new PushTelemetrySource(jdbi);
    GateActivitiesImpl gate = new GateActivitiesImpl(jdbi, telemetry, new ReleaseGate(), BASELINE);
    ReleasePolicy policy = ReleasePolicy.defaults();
    GateRequest request =
        new GateRequest(RELEASE, "plan-" + RELEASE, 1, BAKE_START, BAKE_START.plus(BAKE), policy);

    // The release's first gate reads its baselines; later ones (what the runs below time, as a
    // later wave or an extended bake would) find them in the gate's per-release cache.
    long firstStart = System.nanoTime();
    GateResult warm = gate.evaluateWave(request);
    out.printf(
        Locale.ROOT,
        "gate: first evaluateWave of the release (baselines read) %.3f s%n",
        (System.nanoTime() - firstStart) / 1e9);
    out.printf("verdict %s: %s%n", warm.verdict(), warm.reason());

    double[] runs = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      gate.evaluateWave(request);
      runs[i] = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "gate: run %d: evaluateWave %.3f s%n", i + 1, runs[i]);
    }
    out.printf(
        Locale.ROOT,
        "gate: evaluateWave, %d deployed vs %d controls, %d reps: median %.3f s, min %.3f s%n",
        deployed,
        controls,
        repetitions,
        Stats.median(runs),
        Stats.min(runs));

    out.println("breakdown (median of 3 each):");
    TrustRecomputeBench.time(
        out,
        "  deployments: the wave, the release's pending targets, its first deploy",
        () ->
            jdbi.withExtension(
                DeploymentDao.class,
                dao ->
                    dao.wave(RELEASE, 1).size()
                        + dao.pendingTargets(RELEASE).size()
                        + dao.firstDeployedAt(RELEASE).stream().count()));
    List<String> wave = ids(1, deployed);
    List<String> rest = ids(deployed + 1, deployed + controls);
    List<String> all = new ArrayList<>(wave);
    all.addAll(rest);
    Map<String, TargetTelemetry> baselines =
        TrustRecomputeBench.time(
            out,
            "  telemetry: baselines of deployed + controls (45 windows each)",
            () -> telemetry.perTarget(all, DEPLOYED.minus(BASELINE), DEPLOYED));
    Map<String, TargetTelemetry> bake =
        TrustRecomputeBench.time(
            out,
            "  telemetry: both cohorts over the bake (10 windows each), one read",
            () -> telemetry.perTarget(all, BAKE_START, BAKE_START.plus(BAKE)));
    Map<String, TargetTelemetry> deployedWindow = GateActivitiesImpl.only(bake, wave);
    Map<String, TargetTelemetry> controlWindow = GateActivitiesImpl.only(bake, rest);
    GateEvidence deployedEvidence =
        TrustRecomputeBench.time(
            out,
            "  evidence: deployed (p99 over own baseline)",
            () -> GateActivitiesImpl.evidence(deployedWindow, baselines));
    GateEvidence controlEvidence =
        TrustRecomputeBench.time(
            out,
            "  evidence: controls",
            () -> GateActivitiesImpl.evidence(controlWindow, baselines));
    ReleaseGate releaseGate = new ReleaseGate();
    GateResult decision =
        TrustRecomputeBench.time(
            out,
            "  ReleaseGate.evaluate alone (SPRT + Mann-Whitney, %d vs %d samples)"
                .formatted(
                    deployedEvidence.latencySamples().length,
                    controlEvidence.latencySamples().length),
            () -> releaseGate.evaluate(deployedEvidence, controlEvidence, policy));
    out.printf("decision alone: %s%n", decision.verdict());
    return Stats.median(runs);
  }

  private void populate(Jdbi jdbi, int deployed, int controls) {
    int total = deployed + controls;
    long t0 = System.nanoTime();
    jdbi.useHandle(
        h -> {
          BenchDao dao = h.attach(BenchDao.class);
          dao.insertGateDeployments(RELEASE, deployed, total, Timestamp.from(DEPLOYED));
          // 45 baseline minutes before the deploy, then the bake; 0.1-0.3 % errors, p99 per target.
          int rows =
              dao.insertGateTelemetry(
                  Timestamp.from(DEPLOYED.minus(BASELINE)),
                  Timestamp.from(BAKE_START),
                  (int) BAKE.toMinutes(),
                  total);
          out.printf("%d telemetry_samples rows inserted%n", rows);
          // Ingestion maintains rollups batch by batch; a bulk load like this rebuilds them once.
          int rollups =
              h.attach(TelemetryDao.class)
                  .rebuildRollups(
                      Timestamp.from(DEPLOYED.minus(BASELINE)),
                      Timestamp.from(BAKE_START.plus(BAKE)));
          out.printf("%d telemetry_rollups rows built%n", rollups);
          h.execute("VACUUM ANALYZE");
        });
    out.printf("%d deployments and their telemetry set up in %s%n", total, seconds(t0));
  }

  private static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>(Math.max(0, to - from + 1));
    for (int g = from; g <= to; g++) {
      ids.add(String.format(Locale.ROOT, "gate-%06d", g));
    }
    return ids;
  }
}
