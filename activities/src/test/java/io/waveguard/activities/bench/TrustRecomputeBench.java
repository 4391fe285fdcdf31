package io.waveguard.activities.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.DecayedCounts;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.db.TrustSnapshotRow;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.trust.TrustCause;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.workflows.model.Target;
import io.waveguard.workflows.policy.trust.HealthIndicators;
import io.waveguard.workflows.policy.trust.Risk;
import io.waveguard.workflows.policy.trust.TargetHistory;
import io.waveguard.workflows.policy.trust.TrustScore;
import io.waveguard.workflows.policy.trust.TrustScorer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * How long one trust recomputation of a 100,000-target fleet takes: {@link
 * TrustEngine#scoreAndRecord} over pushed telemetry with a 15-minute health window and a 45-minute
 * baseline, i.e. exactly the 60 one-minute windows per target (6,000,000 telemetry rows) that are
 * stored, plus three outcomes per target. Not a test: run it by hand (see the report for the
 * command). Arguments: {@code [targets] [repetitions]}, default 100000 and 5.
 *
 * <p>Prints each repetition split into scoring (SQL reads and the model) and persisting (JSON and
 * the snapshot insert), median and minimum, and then a breakdown of the parts measured one by one.
 */
public final class TrustRecomputeBench {

  /** The moment of scoring; the 60 telemetry windows end here. */
  static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

  private TrustRecomputeBench() {}

  public static void main(String[] args) throws Exception {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;

    long setupStart = System.nanoTime();
    Jdbi jdbi = TestDatabase.migrated();
    System.out.printf("embedded PostgreSQL up and migrated in %s%n", seconds(setupStart));
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
    if (repetitions > 0) {
      engine.scoreAndRecord(fleet, AT, new TrustCause("bench-warmup", null, null));
    }

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
      System.out.printf(
          Locale.ROOT,
          "rep %d: scoreAndRecord %.3f s = score %.3f s + persist %.3f s (%d scores)%n",
          i + 1,
          total[i],
          score[i],
          persist[i],
          scoring.scores().size());
    }
    if (repetitions == 0) {
      breakdown(jdbi, telemetry, settings, fleet);
      experiments(jdbi, settings, fleet);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "scoreAndRecord over %d targets, %d reps: median %.3f s, min %.3f s"
            + " (score median %.3f s, persist median %.3f s)%n",
        targets,
        repetitions,
        median(total),
        min(total),
        median(score),
        median(persist));

    breakdown(jdbi, telemetry, settings, fleet);
    experiments(jdbi, settings, fleet);
  }

  /** A health reading as the trust engine needs it: sums and median p99s, no latency arrays. */
  record HealthSummary(
      String targetId,
      long requests,
      long errors,
      long crashes,
      double coveredSeconds,
      Double p99,
      long baselineRequests,
      long baselineErrors,
      Double baselineP99) {}

  private static final String ONE_PASS_SUMMARY =
      """
      SELECT target_id,
             sum(requests) FILTER (WHERE window_start >= :h) AS requests,
             sum(errors) FILTER (WHERE window_start >= :h) AS errors,
             sum(crashes) FILTER (WHERE window_start >= :h) AS crashes,
             extract(epoch FROM sum(window_end - window_start)
                                FILTER (WHERE window_start >= :h)) AS covered,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_p99_ms)
                 FILTER (WHERE window_start >= :h) AS p99,
             coalesce(sum(requests) FILTER (WHERE window_start < :h), 0) AS base_requests,
             coalesce(sum(errors) FILTER (WHERE window_start < :h), 0) AS base_errors,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_p99_ms)
                 FILTER (WHERE window_start < :h) AS base_p99
      FROM telemetry_samples
      WHERE target_id = ANY(:ids) AND window_start >= :b AND window_start < :to
      GROUP BY target_id
      HAVING count(*) FILTER (WHERE window_start >= :h) > 0
      """;

  /**
   * Alternatives to what the engine does now, measured on the same data: reading both windows in
   * one pass with the medians computed in PostgreSQL; more work_mem so sorts stay in memory; and
   * the snapshot insert as COPY or as rewritten multi-row INSERTs.
   */
  static void experiments(Jdbi jdbi, TrustSettings settings, List<Target> fleet) throws Exception {
    System.out.println("experiments (alternatives, median of 3 each):");
    String[] ids = fleet.stream().map(Target::id).toArray(String[]::new);
    Instant healthStart = AT.minus(settings.healthWindow());
    Instant baselineStart = healthStart.minus(settings.baselineWindow());
    List<HealthSummary> summaries =
        time(
            "  one-pass health+baseline summary, medians in SQL (work_mem default)",
            () -> onePass(jdbi, ids, baselineStart, healthStart, null));
    time(
        "  one-pass health+baseline summary, SET LOCAL work_mem = '256MB'",
        () -> onePass(jdbi, ids, baselineStart, healthStart, "256MB"));
    time(
        "  current perTarget health window query, SET LOCAL work_mem = '256MB'",
        () ->
            jdbi.inTransaction(
                h -> {
                  h.execute("SET LOCAL work_mem = '256MB'");
                  return h.attach(io.waveguard.activities.db.TelemetryDao.class)
                      .perTarget(List.of(ids), healthStart, AT);
                }));
    System.out.printf("  (one-pass summary rows: %d)%n", summaries.size());
    // The one-pass summary must give the trust engine exactly what it reads now.
    PushTelemetrySource push = new PushTelemetrySource(jdbi);
    Map<String, TargetTelemetry> healthNow = push.perTarget(List.of(ids), healthStart, AT);
    Map<String, TargetTelemetry> baselineNow =
        push.perTarget(List.of(ids), baselineStart, healthStart);
    long matching =
        summaries.stream()
            .filter(
                x -> {
                  TargetTelemetry h = healthNow.get(x.targetId());
                  TargetTelemetry b = baselineNow.get(x.targetId());
                  return h != null
                      && b != null
                      && h.requests() == x.requests()
                      && h.errors() == x.errors()
                      && h.crashes() == x.crashes()
                      && Math.abs(h.typicalLatencyP99Ms() - x.p99()) < 1e-9
                      && Math.abs(b.typicalLatencyP99Ms() - x.baselineP99()) < 1e-9
                      && Math.abs(
                              b.errorRate() - (double) x.baselineErrors() / x.baselineRequests())
                          < 1e-12
                      && Math.abs(h.availability() - Math.min(1, x.coveredSeconds() / 900)) < 1e-9;
                })
            .count();
    System.out.printf(
        "  one-pass summary equals perTarget's indicators for %d of %d targets%n",
        matching, healthNow.size());

    // Same rows as the engine stores, built once.
    TrustEngine engine = new TrustEngine(jdbi, new PushTelemetrySource(jdbi), settings);
    TrustEngine.Scoring scoring = engine.score(fleet, AT);
    List<String> json = inputs(settings, fleet, scoring.scores());
    List<TrustSnapshotRow> rows = snapshotRows(settings, fleet, scoring.scores(), json);
    time(
        "  snapshots: COPY FROM STDIN (csv) of 100k rows",
        () -> {
          copySnapshots(jdbi, rows);
          return null;
        });
    Jdbi rewriting = rewritingBatches(jdbi);
    time(
        "  snapshots: insertSnapshots batch with reWriteBatchedInserts=true",
        () -> {
          rewriting.useExtension(TrustDao.class, dao -> dao.insertSnapshots(rows));
          return null;
        });
    List<TrustSnapshotRow> emptyInputs = rows.stream().map(r -> withInputs(r, "{}")).toList();
    time(
        "  snapshots: insertSnapshots batch, inputs '{}' (cost of the JSON volume)",
        () -> {
          jdbi.useExtension(TrustDao.class, dao -> dao.insertSnapshots(emptyInputs));
          return null;
        });
    List<TrustSnapshotRow> noModel =
        rows.stream()
            .map(r -> withInputs(r, r.inputs().replaceFirst(",\"model\":.*}$", "}")))
            .toList();
    time(
        "  snapshots: insertSnapshots batch, inputs without \"model\" (stored once instead)",
        () -> {
          jdbi.useExtension(TrustDao.class, dao -> dao.insertSnapshots(noModel));
          return null;
        });
    System.out.printf(
        "  inputs without model: median %d chars%n",
        noModel.stream().mapToInt(r -> r.inputs().length()).sorted().toArray()[noModel.size() / 2]);
    String collation =
        jdbi.withHandle(h -> h.createQuery("SHOW lc_collate").mapTo(String.class).one());
    System.out.printf("  lc_collate of the database: %s%n", collation);
    for (String window : List.of("health", "baseline")) {
      Instant from = window.equals("health") ? healthStart : baselineStart;
      Instant to = window.equals("health") ? AT : healthStart;
      for (String collate : List.of("", " COLLATE \"C\"")) {
        time(
            "  server only: %s window aggregate, GROUP BY target_id%s".formatted(window, collate),
            () ->
                jdbi.withHandle(
                    h ->
                        h.createQuery(
                                """
                                SELECT count(*) FROM (
                                  SELECT target_id%s, sum(requests), sum(errors), sum(crashes),
                                         sum(window_end - window_start),
                                         array_agg(latency_p99_ms ORDER BY window_start)
                                  FROM telemetry_samples
                                  WHERE target_id = ANY(:ids) AND window_start >= :from
                                    AND window_start < :to
                                  GROUP BY 1) x
                                """
                                    .formatted(collate))
                            .bind("ids", ids)
                            .bind("from", Timestamp.from(from))
                            .bind("to", Timestamp.from(to))
                            .mapTo(Long.class)
                            .one()));
      }
    }
    long[] sizes = json.stream().mapToLong(String::length).sorted().toArray();
    System.out.printf(
        "  inputs JSON per snapshot: median %d chars, %d MB for 100k%n",
        sizes[sizes.length / 2], json.stream().mapToLong(String::length).sum() / 1_000_000);
  }

  private static TrustSnapshotRow withInputs(TrustSnapshotRow r, String inputs) {
    return new TrustSnapshotRow(
        r.id(),
        r.targetId(),
        r.computedAt(),
        r.cause(),
        r.releaseId(),
        r.wave(),
        r.mean(),
        r.lowerBound(),
        r.historyMean(),
        r.health(),
        r.evidence(),
        r.good(),
        r.bad(),
        r.posteriorAlpha(),
        r.posteriorBeta(),
        r.impact(),
        r.risk(),
        inputs);
  }

  private static List<HealthSummary> onePass(
      Jdbi jdbi, String[] ids, Instant baselineStart, Instant healthStart, String workMem) {
    return jdbi.inTransaction(
        h -> {
          if (workMem != null) {
            h.execute("SET LOCAL work_mem = '" + workMem + "'");
          }
          return h.createQuery(ONE_PASS_SUMMARY)
              .bind("ids", ids)
              .bind("b", Timestamp.from(baselineStart))
              .bind("h", Timestamp.from(healthStart))
              .bind("to", Timestamp.from(AT))
              .map(
                  (rs, ctx) ->
                      new HealthSummary(
                          rs.getString("target_id"),
                          rs.getLong("requests"),
                          rs.getLong("errors"),
                          rs.getLong("crashes"),
                          rs.getDouble("covered"),
                          (Double) rs.getObject("p99"),
                          rs.getLong("base_requests"),
                          rs.getLong("base_errors"),
                          (Double) rs.getObject("base_p99")))
              .list();
        });
  }

  private static void copySnapshots(Jdbi jdbi, List<TrustSnapshotRow> rows) {
    StringBuilder csv = new StringBuilder(rows.size() * 700);
    for (TrustSnapshotRow r : rows) {
      csv.append(r.targetId()).append(',').append(r.computedAt()).append(',');
      csv.append(r.cause()).append(',');
      csv.append(r.releaseId() == null ? "" : r.releaseId()).append(',');
      csv.append(r.wave() == null ? "" : r.wave()).append(',');
      csv.append(r.mean()).append(',').append(r.lowerBound()).append(',');
      csv.append(r.historyMean()).append(',');
      csv.append(r.health() == null ? "" : r.health()).append(',');
      csv.append(r.evidence()).append(',').append(r.good()).append(',').append(r.bad());
      csv.append(',').append(r.posteriorAlpha()).append(',').append(r.posteriorBeta());
      csv.append(',').append(r.impact()).append(',').append(r.risk()).append(',');
      csv.append('"').append(r.inputs().replace("\"", "\"\"")).append('"').append('\n');
    }
    try (org.jdbi.v3.core.Handle h = jdbi.open()) {
      org.postgresql.PGConnection pg = h.getConnection().unwrap(org.postgresql.PGConnection.class);
      pg.getCopyAPI()
          .copyIn(
              """
              COPY trust_snapshots (target_id, computed_at, cause, release_id, wave, mean,
                  lower_bound, history_mean, health, evidence, good, bad, posterior_alpha,
                  posterior_beta, impact, risk, inputs) FROM STDIN WITH (FORMAT csv)
              """,
              new java.io.StringReader(csv.toString()));
    } catch (java.sql.SQLException | java.io.IOException e) {
      throw new IllegalStateException("COPY failed", e);
    }
  }

  /** A second Jdbi on the same database whose driver rewrites batches into multi-row INSERTs. */
  private static Jdbi rewritingBatches(Jdbi jdbi) throws Exception {
    String url = jdbi.withHandle(h -> h.getConnection().getMetaData().getURL());
    org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
    source.setURL(url);
    source.setUser("postgres");
    source.setReWriteBatchedInserts(true);
    return Database.jdbi(source);
  }

  /** 100k targets, 60 one-minute windows each, three outcomes each: all generated server-side. */
  static void populate(Jdbi jdbi, int targets) {
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
    System.out.printf("%d targets inserted in %s%n", targets, seconds(t0));

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
    System.out.printf("%d telemetry_samples rows inserted in %s%n", rows, seconds(t1));

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
    System.out.printf("%d target_outcomes rows inserted in %s%n", outcomes, seconds(t2));
    long t3 = System.nanoTime();
    jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
    System.out.printf("VACUUM ANALYZE in %s%n", seconds(t3));
  }

  /**
   * Each part of a recomputation on its own, the way {@link TrustEngine} does it, to see where the
   * time goes: the outcome query, the two telemetry queries, the model, the JSON, the insert.
   */
  static void breakdown(
      Jdbi jdbi, PushTelemetrySource telemetry, TrustSettings settings, List<Target> fleet) {
    System.out.println("breakdown (median of 3 each):");
    List<String> ids = fleet.stream().map(Target::id).toList();
    String[] idArray = ids.toArray(String[]::new);
    Instant healthStart = AT.minus(settings.healthWindow());

    List<DecayedCounts> counts =
        time(
            "  outcomes: decayedCounts SQL (ANY of 100k ids) + mapping",
            () ->
                jdbi.withExtension(
                    TrustDao.class,
                    dao ->
                        dao.decayedCounts(
                            idArray, Timestamp.from(AT), settings.model().halfLifeDays())));
    Map<String, TargetTelemetry> now =
        time(
            "  telemetry: health window (15 windows/target) SQL + mapping",
            () -> telemetry.perTarget(ids, healthStart, AT));
    Map<String, TargetTelemetry> baseline =
        time(
            "  telemetry: baseline window (45 windows/target) SQL + mapping",
            () ->
                telemetry.perTarget(
                    List.copyOf(now.keySet()),
                    healthStart.minus(settings.baselineWindow()),
                    healthStart));

    Map<String, TrustScore> scores =
        time(
            "  model: indicators + TrustScorer for every target (Java only)",
            () -> score(settings, ids, counts, now, baseline));
    List<String> json =
        time(
            "  persist: inputs JSON (Jackson) for every target",
            () -> inputs(settings, fleet, scores));
    List<TrustSnapshotRow> rows = snapshotRows(settings, fleet, scores, json);
    time(
        "  persist: insertSnapshots SQL batch of 100k rows",
        () -> {
          jdbi.useExtension(TrustDao.class, dao -> dao.insertSnapshots(rows));
          return null;
        });
    time(
        "  raw SQL: health window aggregate, server only (COUNT over it)",
        () ->
            jdbi.withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT count(*) FROM (
                              SELECT target_id, sum(requests), sum(errors), sum(crashes),
                                     array_agg(latency_p99_ms ORDER BY window_start)
                              FROM telemetry_samples
                              WHERE target_id = ANY(:ids) AND window_start >= :from
                                AND window_start < :to
                              GROUP BY target_id) x
                            """)
                        .bind("ids", idArray)
                        .bind("from", Timestamp.from(healthStart))
                        .bind("to", Timestamp.from(AT))
                        .mapTo(Long.class)
                        .one()));
    explain(
        jdbi,
        "EXPLAIN (ANALYZE, BUFFERS) perTarget health window",
        """
        EXPLAIN (ANALYZE, BUFFERS)
        SELECT target_id, sum(requests) AS requests, sum(errors) AS errors,
               sum(crashes) AS crashes,
               least(1.0, extract(epoch FROM sum(window_end - window_start)) / 900) AS availability,
               coalesce(array_agg(latency_p99_ms ORDER BY window_start)
                        FILTER (WHERE latency_p99_ms IS NOT NULL), '{}') AS latencies
        FROM telemetry_samples
        WHERE target_id = ANY(:ids) AND window_start >= :from AND window_start < :to
        GROUP BY target_id
        """,
        Map.of("ids", idArray, "from", Timestamp.from(healthStart), "to", Timestamp.from(AT)));
    explain(
        jdbi,
        "EXPLAIN (ANALYZE, BUFFERS) decayedCounts",
        """
        EXPLAIN (ANALYZE, BUFFERS)
        SELECT target_id,
               coalesce(sum(power(0.5, extract(epoch FROM (:to - at)) / 86400.0 / :halfLife))
                        FILTER (WHERE verdict = 'GOOD'), 0) AS good,
               coalesce(sum(power(0.5, extract(epoch FROM (:to - at)) / 86400.0 / :halfLife))
                        FILTER (WHERE verdict = 'BAD'), 0) AS bad
        FROM target_outcomes
        WHERE target_id = ANY(:ids) AND at <= :to AND verdict <> 'NONE'
        GROUP BY target_id
        """,
        Map.of("ids", idArray, "to", Timestamp.from(AT), "halfLife", 30.0));
  }

  private static Map<String, TrustScore> score(
      TrustSettings settings,
      List<String> ids,
      List<DecayedCounts> counts,
      Map<String, TargetTelemetry> now,
      Map<String, TargetTelemetry> baseline) {
    double day = TargetHistory.epochDay(AT);
    Map<String, TargetHistory> histories = new HashMap<>();
    List<double[]> goodBad = new ArrayList<>();
    for (DecayedCounts c : counts) {
      histories.put(c.targetId(), new TargetHistory(c.good(), c.bad(), day));
      goodBad.add(new double[] {c.good(), c.bad()});
    }
    TrustScorer scorer = new TrustScorer(settings.model().withPriorFittedTo(goodBad));
    Map<String, TrustScore> scores = new LinkedHashMap<>();
    for (String id : ids) {
      TargetTelemetry current = now.get(id);
      HealthIndicators indicators = current == null ? null : indicators(current, baseline.get(id));
      scores.put(
          id, scorer.score(histories.getOrDefault(id, TargetHistory.empty(day)), indicators));
    }
    return scores;
  }

  /** As the trust engine's health reader builds them. */
  private static HealthIndicators indicators(TargetTelemetry current, TargetTelemetry baseline) {
    double crashRate =
        current.requests() == 0
            ? 0
            : Math.min(1.0, (double) current.crashes() / current.requests());
    return new HealthIndicators(
        current.errorRate(),
        baseline == null ? 0 : baseline.errorRate(),
        current.typicalLatencyP99Ms(),
        baseline == null ? 0 : baseline.typicalLatencyP99Ms(),
        crashRate,
        current.availability(),
        current.requests());
  }

  /** As the trust engine serialises a snapshot's inputs. */
  private static List<String> inputs(
      TrustSettings settings, List<Target> fleet, Map<String, TrustScore> scores) {
    List<String> json = new ArrayList<>(fleet.size());
    for (Target target : fleet) {
      TrustScore score = scores.get(target.id());
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("tier", target.tier().wireName());
      inputs.put("size", target.size());
      inputs.put("tierWeight", settings.planning().tierWeights().weight(target.tier()));
      inputs.put("indicators", score.healthInputs());
      inputs.put("model", score.parameters());
      try {
        json.add(Database.JSON.writeValueAsString(inputs));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return json;
  }

  private static List<TrustSnapshotRow> snapshotRows(
      TrustSettings settings,
      List<Target> fleet,
      Map<String, TrustScore> scores,
      List<String> json) {
    List<TrustSnapshotRow> rows = new ArrayList<>(fleet.size());
    for (int i = 0; i < fleet.size(); i++) {
      Target target = fleet.get(i);
      TrustScore score = scores.get(target.id());
      Risk risk = Risk.of(target, score, settings.planning().tierWeights());
      rows.add(
          new TrustSnapshotRow(
              0,
              target.id(),
              AT,
              "bench-breakdown",
              null,
              null,
              score.mean(),
              score.lowerBound(),
              score.historyMean(),
              score.health(),
              score.evidence(),
              score.history().good(),
              score.history().bad(),
              score.posteriorAlpha(),
              score.posteriorBeta(),
              risk.impact(),
              risk.value(),
              json.get(i)));
    }
    return rows;
  }

  static void explain(Jdbi jdbi, String title, String sql, Map<String, Object> binds) {
    List<String> plan =
        jdbi.withHandle(
            h -> {
              var query = h.createQuery(sql);
              binds.forEach(query::bind);
              return query.mapTo(String.class).list();
            });
    System.out.println(title + ":");
    // The id array is printed in full by PostgreSQL; shorten it to its size.
    plan.forEach(
        line ->
            System.out.println(
                "    " + line.replaceAll("'\\{[^}]{200,}\\}'", "'{...the id array...}'")));
  }

  static <T> T time(String label, Supplier<T> work) {
    double[] runs = new double[3];
    T result = null;
    for (int i = 0; i < runs.length; i++) {
      long t0 = System.nanoTime();
      result = work.get();
      runs[i] = (System.nanoTime() - t0) / 1e9;
    }
    System.out.printf(Locale.ROOT, "%-72s %.3f s%n", label, median(runs));
    return result;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
