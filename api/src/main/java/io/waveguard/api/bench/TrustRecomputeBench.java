package io.waveguard.api.bench;

import io.waveguard.activities.db.BenchDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.trust.TrustCause;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.policy.model.Target;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * How long one trust recomputation of a large fleet takes: {@link TrustEngine#scoreAndRecord} over
 * pushed telemetry with a 15-minute health window and a 45-minute baseline, i.e. exactly the 60
 * one-minute windows per target (6,000,000 telemetry rows for 100,000 targets) that are stored,
 * plus three outcomes per target. Prints each run split into scoring (SQL reads and the model) and
 * persisting (the snapshot insert), then the median and minimum.
 */
final class TrustRecomputeBench {

  /** The moment of scoring; the 60 telemetry windows end here. */
  static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

  private final PrintStream out;

  private TrustRecomputeBench(PrintStream out) {
    this.out = out;
  }

  /** The median seconds of one recomputation of {@code targets} targets on a fresh database. */
  static double run(Jdbi jdbi, int targets, int repetitions, PrintStream out) {
    return new TrustRecomputeBench(out).measure(jdbi, targets, repetitions);
  }

  private double measure(Jdbi jdbi, int targets, int repetitions) {
    populate(jdbi, targets);
    List<Target> fleet = jdbi.withExtension(TargetDao.class, dao -> dao.forService("bench"));
    if (fleet.size() != targets) {
      throw new IllegalStateException("expected " + targets + " targets, found " + fleet.size());
    }
    TrustSettings settings =
        new TrustSettings(
            TrustSettings.defaults().model(),
            TrustSettings.defaults().planning(),
            TrustSettings.defaults().attribution(),
            Duration.ofMinutes(15),
            Duration.ofMinutes(45),
            true);
    PushTelemetrySource telemetry = new PushTelemetrySource(jdbi);
    TrustEngine engine = new TrustEngine(jdbi, telemetry, settings);

    // One untimed round so the JIT, the connection and PostgreSQL's caches are warm.
    engine.scoreAndRecord(fleet, AT, new TrustCause("bench-warmup", null, null));

    double[] score = new double[repetitions];
    double[] persist = new double[repetitions];
    double[] total = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long t0 = System.nanoTime();
      TrustEngine.Scoring scoring = engine.score(fleet, AT);
      long t1 = System.nanoTime();
      engine.record(fleet, scoring, AT, new TrustCause("bench", "bench-" + i, null));
      long t2 = System.nanoTime();
      score[i] = (t1 - t0) / 1e9;
      persist[i] = (t2 - t1) / 1e9;
      total[i] = (t2 - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "trust: run %d: scoreAndRecord %.3f s = score %.3f s + persist %.3f s (%d scores)%n",
          i + 1,
          total[i],
          score[i],
          persist[i],
          scoring.scores().size());
    }
    out.printf(
        Locale.ROOT,
        "trust: scoreAndRecord over %d targets, %d runs: median %.3f s, min %.3f s"
            + " (score median %.3f s, persist median %.3f s)%n",
        targets,
        repetitions,
        Stats.median(total),
        Stats.min(total),
        Stats.median(score),
        Stats.median(persist));
    breakdown(jdbi, fleet, telemetry, settings, engine);
    return Stats.median(total);
  }

  /** Where a recomputation's time goes: its two reads, alone, and the snapshots' COPY. */
  private void breakdown(
      Jdbi jdbi,
      List<Target> fleet,
      PushTelemetrySource telemetry,
      TrustSettings settings,
      TrustEngine engine) {
    out.println("breakdown (median of 3 each):");
    String[] ids = fleet.stream().map(Target::id).toArray(String[]::new);
    List<String> idList = List.of(ids);
    Instant healthStart = AT.minus(settings.healthWindow());
    time(
        out,
        "  outcomes: decayed good/bad counts per target",
        () ->
            jdbi.withExtension(
                TrustDao.class,
                dao ->
                    dao.decayedCounts(ids, Timestamp.from(AT), settings.model().halfLifeDays())));
    time(
        out,
        "  telemetry: health (15 windows) and baseline (45 windows) per target",
        () ->
            telemetry.healthWindows(
                idList, healthStart.minus(settings.baselineWindow()), healthStart, AT));
    TrustEngine.Scoring scoring = engine.score(fleet, AT);
    time(
        out,
        "  persist: snapshots with their inputs, one COPY",
        () -> {
          engine.record(fleet, scoring, AT, new TrustCause("bench-breakdown", null, null));
          return null;
        });
  }

  /** 100k targets, 60 one-minute windows each, three outcomes each: all generated server-side. */
  private void populate(Jdbi jdbi, int targets) {
    BenchDao dao = jdbi.onDemand(BenchDao.class);
    long t0 = System.nanoTime();
    dao.insertTrustFleet(targets);
    out.printf("%d targets inserted in %s%n", targets, seconds(t0));

    long t1 = System.nanoTime();
    // In arrival order: every target's window of minute m, then minute m + 1, as pushers send.
    // Errors ~0.1-0.3 %; every 100th target errs 5x in the last 15 minutes; p99 per target.
    int rows = dao.insertTrustTelemetry(Timestamp.from(AT.minus(Duration.ofMinutes(60))), targets);
    out.printf("%d telemetry_samples rows inserted in %s%n", rows, seconds(t1));
    long r0 = System.nanoTime();
    int rollups =
        jdbi.withExtension(
            TelemetryDao.class,
            telemetry ->
                telemetry.rebuildRollups(
                    Timestamp.from(AT.minus(Duration.ofMinutes(60))), Timestamp.from(AT)));
    // Ingestion maintains them batch by batch; a bulk load like this one rebuilds them once.
    out.printf("%d telemetry_rollups rows built in %s%n", rollups, seconds(r0));

    long t2 = System.nanoTime();
    int outcomes = dao.insertTrustOutcomes(Timestamp.from(AT), targets);
    out.printf("%d target_outcomes rows inserted in %s%n", outcomes, seconds(t2));
    long t3 = System.nanoTime();
    jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
    out.printf("VACUUM ANALYZE in %s%n", seconds(t3));
  }

  /** Median of three timed runs of {@code work}, printed with its label. */
  static <T> T time(PrintStream out, String label, Supplier<T> work) {
    double[] runs = new double[3];
    T result = null;
    for (int i = 0; i < runs.length; i++) {
      long t0 = System.nanoTime();
      result = work.get();
      runs[i] = (System.nanoTime() - t0) / 1e9;
    }
    out.printf(Locale.ROOT, "%-72s %.3f s%n", label, Stats.median(runs));
    return result;
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
