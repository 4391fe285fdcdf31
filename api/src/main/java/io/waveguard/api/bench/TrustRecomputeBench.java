package io.waveguard.api.bench;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TelemetryDao;
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
    return Stats.median(total);
  }

  /** 100k targets, 60 one-minute windows each, three outcomes each: all generated server-side. */
  private void populate(Jdbi jdbi, int targets) {
    long t0 = System.nanoTime();
    jdbi.useHandle(
        h -> {
          h.createUpdate(
                  """
                  INSERT INTO targets (id, service, segment, tier, size, labels)
                  SELECT 'bench-' || lpad(g::text, 6, '0'), 'bench',
                         (ARRAY['eu', 'us', 'ap'])[1 + g % 3],
                         (ARRAY['low', 'low', 'low', 'low', 'standard', 'standard', 'standard',
                                'standard', 'finance-critical', 'safety-critical'])[1 + g % 10],
                         round((0.2 + (g * 7919 % 1000) / 250.0)::numeric, 3),
                         jsonb_build_object('region', (ARRAY['eu', 'us', 'ap'])[1 + g % 3])
                  FROM generate_series(1, :n) g
                  """)
              .bind("n", targets)
              .execute();
        });
    out.printf("%d targets inserted in %s%n", targets, seconds(t0));

    long t1 = System.nanoTime();
    // In arrival order: every target's window of minute m, then minute m + 1, as pushers send.
    // Errors ~0.1-0.3 %; every 100th target errs 5x in the last 15 minutes; p99 per target.
    int rows =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        """
                        INSERT INTO telemetry_samples (target_id, window_start, window_end,
                            requests, errors, latency_p99_ms, crashes, received_at)
                        SELECT 'bench-' || lpad(g::text, 6, '0'),
                               CAST(:start AS timestamptz) + m * interval '1 minute',
                               CAST(:start AS timestamptz) + (m + 1) * interval '1 minute',
                               1000,
                               (1 + g % 3) * CASE WHEN g % 100 = 0 AND m >= 45 THEN 5 ELSE 1 END,
                               80 + g % 320 + (m * 7 + g) % 11,
                               CASE WHEN (g + m) % 997 = 0 THEN 1 ELSE 0 END,
                               CAST(:start AS timestamptz) + (m + 1) * interval '1 minute'
                        FROM generate_series(0, 59) m CROSS JOIN generate_series(1, :n) g
                        ORDER BY m, g
                        """)
                    .bind("start", Timestamp.from(AT.minus(Duration.ofMinutes(60))))
                    .bind("n", targets)
                    .execute());
    out.printf("%d telemetry_samples rows inserted in %s%n", rows, seconds(t1));
    long r0 = System.nanoTime();
    int rollups =
        jdbi.withExtension(
            TelemetryDao.class,
            dao ->
                dao.rebuildRollups(
                    Timestamp.from(AT.minus(Duration.ofMinutes(60))), Timestamp.from(AT)));
    // Ingestion maintains them batch by batch; a bulk load like this one rebuilds them once.
    out.printf("%d telemetry_rollups rows built in %s%n", rollups, seconds(r0));

    long t2 = System.nanoTime();
    int outcomes =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        """
                        INSERT INTO target_outcomes (release_id, target_id, verdict, reason, at)
                        SELECT 'bench-rel-' || k, 'bench-' || lpad(g::text, 6, '0'),
                               CASE WHEN (g + k) % 10 = 0 THEN 'BAD'
                                    WHEN (g + k) % 17 = 0 THEN 'NONE' ELSE 'GOOD' END,
                               'bench', CAST(:at AS timestamptz) - ((k * 9 + g % 7) * interval '1 day')
                        FROM generate_series(1, :n) g CROSS JOIN generate_series(1, 3) k
                        """)
                    .bind("at", Timestamp.from(AT))
                    .bind("n", targets)
                    .execute());
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
