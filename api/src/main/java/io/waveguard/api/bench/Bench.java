package io.waveguard.api.bench;

import io.waveguard.activities.db.Database;
import io.waveguard.api.demo.TemporalChoice;
import io.waveguard.api.embedded.EmbeddedPostgresServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./waveguard bench}: every speed figure of Waveguard from one run on this machine, printed
 * as measured and written to {@code bench.json}. Planner first (no I/O), then trust and gate on an
 * embedded PostgreSQL of their own, then the API figures on a running server with its worker.
 */
public final class Bench {

  /** The bench's parts, each measured on its own stack; {@code --only} picks some. */
  public enum Part {
    /** The planner alone, no I/O. */
    PLANNER,
    /** Trust recompute on an embedded PostgreSQL. */
    TRUST,
    /** One wave gate on an embedded PostgreSQL. */
    GATE,
    /** Ingestion, starts and the fleet of releases through a running server and worker. */
    API,
    /** Only the release starts of {@link #API}, one at a time and all at once: for profiling. */
    STARTS;

    /** Parses "trust,gate" (any case); refuses an unknown name, naming the known ones. */
    public static Set<Part> parseList(String list) {
      Set<Part> parts = EnumSet.noneOf(Part.class);
      for (String name : list.split(",")) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        try {
          parts.add(Part.valueOf(wanted));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown bench part '"
                  + name.strip()
                  + "': expected some of planner,trust,gate,api,starts");
        }
      }
      return parts;
    }
  }

  /** What to run and where to write. */
  public record Options(BenchSizes sizes, TemporalChoice temporal, Path out, Set<Part> parts) {

    /** Every part. */
    public Options(BenchSizes sizes, TemporalChoice temporal, Path out) {
      this(sizes, temporal, out, EnumSet.allOf(Part.class));
    }
  }

  private final Options options;
  private final PrintStream out;
  private final BenchFigures figures;

  private Bench(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.figures = new BenchFigures(out);
  }

  /** Runs every measurement, prints each figure and writes {@code out/bench.json}. */
  public static BenchFigures run(Options options, PrintStream out) throws Exception {
    Bench bench = new Bench(options, out);
    bench.measure();
    bench.figures.write(options.out());
    return bench.figures;
  }

  private void measure() throws Exception {
    BenchSizes sizes = options.sizes();
    long t0 = System.nanoTime();
    out.printf(
        Locale.ROOT,
        "bench on %d processors, max heap %d MiB, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1048576,
        System.getProperty("java.version"));
    Set<Part> parts = options.parts();
    if (parts.contains(Part.PLANNER)) {
      figures.put(
          BenchFigures.PLANNER,
          PlannerBench.run(sizes.plannerTargets(), sizes.plannerRuns(), out),
          "seconds to plan %,d targets (median of %d)"
              .formatted(sizes.plannerTargets(), sizes.plannerRuns()));
    }
    if (parts.contains(Part.TRUST) || parts.contains(Part.GATE)) {
      measureDatabase(sizes, parts);
    }
    if (parts.contains(Part.API)) {
      measureApi(sizes, true);
    } else if (parts.contains(Part.STARTS)) {
      measureApi(sizes, false);
    }
    out.printf(Locale.ROOT, "bench done in %.1f min%n", (System.nanoTime() - t0) / 60e9);
  }

  private void measureDatabase(BenchSizes sizes, Set<Part> parts) throws Exception {
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0)) {
      if (parts.contains(Part.TRUST)) {
        figures.put(
            BenchFigures.TRUST_RECOMPUTE,
            inDatabase(
                postgres,
                "bench_trust",
                jdbi ->
                    TrustRecomputeBench.run(jdbi, sizes.trustTargets(), sizes.trustRuns(), out)),
            "seconds to score and store the trust of %,d targets, 60 windows each (median of %d)"
                .formatted(sizes.trustTargets(), sizes.trustRuns()));
      }
      if (parts.contains(Part.GATE)) {
        figures.put(
            BenchFigures.GATE,
            inDatabase(
                postgres,
                "bench_gate",
                jdbi ->
                    GateBench.run(
                        jdbi, sizes.gateDeployed(), sizes.gateControls(), sizes.gateRuns(), out)),
            "seconds for one gate over %,d deployed vs %,d controls (median of %d)"
                .formatted(sizes.gateDeployed(), sizes.gateControls(), sizes.gateRuns()));
      }
    }
  }

  /**
   * @param whole ingestion and the fleet too; without them only the start figures
   */
  private void measureApi(BenchSizes sizes, boolean whole) throws Exception {
    try (BenchStack stack = BenchStack.start(options.temporal(), out)) {
      ApiBench api = new ApiBench(stack, out);
      if (whole) {
        figures.put(
            BenchFigures.INGEST,
            api.ingest(sizes.ingestTargets(), sizes.ingestSamples()),
            "samples/s through POST /api/v1/telemetry (%,d samples)"
                .formatted(sizes.ingestSamples()));
      }
      double[] sequential = api.sequentialStarts(sizes.sequentialStarts());
      figures.put(
          BenchFigures.START_P50,
          Stats.median(sequential),
          "ms, POST /releases one at a time (%d starts)".formatted(sequential.length));
      figures.put(
          BenchFigures.START_P99,
          Stats.quantile(sequential, 0.99),
          "ms, POST /releases one at a time (%d starts)".formatted(sequential.length));
      // The burst meets a quiet worker: else it measures the sequential starts' releases, rolling
      // back their aborted first waves on the same cores, more than the starts themselves.
      api.awaitQuiet(sizes.fleetDeadlineSeconds());
      double[] concurrent = api.concurrentStarts(sizes.concurrentStarts());
      figures.put(
          BenchFigures.CONCURRENT_START_P99,
          Stats.quantile(concurrent, 0.99),
          "ms, %d POST /releases at once, all 202".formatted(concurrent.length));
      if (!whole) {
        return;
      }
      api.awaitQuiet(sizes.fleetDeadlineSeconds());
      ApiBench.FleetRun fleet = api.fleet(sizes.fleetReleases(), sizes.fleetDeadlineSeconds());
      figures.put(
          BenchFigures.RELEASES_FINISHED,
          fleet.finished(),
          "of %d releases run at once on one worker reached a final state"
              .formatted(sizes.fleetReleases()));
      figures.put(
          BenchFigures.RELEASES_MINUTES,
          fleet.minutes(),
          "minutes from the first start until the last release ended");
      figures.put(
          BenchFigures.WORKER_HEAP,
          fleet.liveHeapMiB(),
          "MiB live heap of the process (API + worker + bench) while they ran");
    }
  }

  /** Runs {@code work} on a fresh, migrated database, dropped afterwards to give back its disk. */
  private static double inDatabase(
      EmbeddedPostgresServer postgres, String name, Function<Jdbi, Double> work)
      throws SQLException {
    postgres.createDatabase(name, EmbeddedPostgresServer.SUPERUSER);
    try {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(postgres.jdbcUrl(name));
      dataSource.setUser(EmbeddedPostgresServer.SUPERUSER);
      // As production is configured: multi-row INSERTs for batches (trust snapshots, plans).
      dataSource.setReWriteBatchedInserts(true);
      Database.migrate(dataSource);
      return work.apply(Database.jdbi(dataSource));
    } finally {
      try (Connection c = postgres.superuserDataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }
}
