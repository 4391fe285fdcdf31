package io.waveguard.api.demo;

import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.util.Duration;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.api.auth.ApiTokens;
import io.waveguard.api.auth.Role;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.core.ReleaseService;
import io.waveguard.api.embedded.CliTemporalServer;
import io.waveguard.api.embedded.EmbeddedPostgresServer;
import io.waveguard.api.embedded.EmbeddedTemporalServer;
import io.waveguard.api.embedded.LocalTemporal;
import io.waveguard.api.embedded.Ports;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.devserver.TemporalDevServer;
import io.waveguard.workflows.release.ReleaseState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo without its command line: starts an embedded PostgreSQL, a Temporal server (the temporal
 * CLI's dev server with its Web UI, or Temporal's Java test server) and Waveguard with a worker,
 * seeds the payments fleet, runs the good and the faulty release through the same {@link
 * ReleaseService} the REST API uses, and prints their progress. {@code demo} wraps it; tests drive
 * it directly.
 */
public final class DemoRun implements AutoCloseable {

  private static final long POLL_MILLIS = 250;

  private final DemoOptions options;
  private final PrintStream out;
  private final ReleaseProgress progress;
  private final AtomicBoolean closed = new AtomicBoolean();
  private EmbeddedPostgresServer postgres;
  private LocalTemporal temporal;
  private WaveguardServer server;

  private DemoRun(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.progress = new ReleaseProgress(out);
  }

  /** Every span the demo's releases made, for the trace lines at its end. */
  private final DemoTraces traces = new DemoTraces();

  /**
   * Starts everything and the good release; {@link #awaitOutcome()} starts the faulty one. On
   * failure, stops whatever had started.
   */
  public static DemoRun start(DemoOptions options, PrintStream out) throws Exception {
    DemoRun demo = new DemoRun(options, out);
    try {
      demo.startEverything();
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
    return demo;
  }

  private void startEverything() throws Exception {
    postgres = EmbeddedPostgresServer.start(0);
    temporal = startTemporal();
    server = WaveguardServer.start(configuration());
    server.jdbi().useExtension(TargetDao.class, dao -> dao.upsertAll(DemoScenario.fleet()));
    server
        .jdbi()
        .useExtension(
            TrustDao.class,
            dao -> dao.insertOutcomes(DemoHistory.outcomes(DemoScenario.fleet(), Instant.now())));
    DemoBanner.print(out, server, temporal, postgres, options.bakeSeconds(), issueTokens());
    DemoPlanPrinter.print(
        out, server.dryRuns().plan(DemoScenario.goodRelease(options.bakeSeconds())));
    start(DemoScenario.goodRelease(options.bakeSeconds()));
  }

  /** One API token per role, for the banner's curl examples; the database goes with the demo. */
  private Map<Role, String> issueTokens() {
    ApiTokens tokens = new ApiTokens(server.jdbi(), Clock.systemUTC());
    Map<Role, String> issued = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      issued.put(role, tokens.create("demo-" + role.wireName(), role, null, null).token());
    }
    return issued;
  }

  /** What --temporal asks for; auto takes the CLI's dev server only when it is on the PATH. */
  private LocalTemporal startTemporal() {
    Optional<Path> cli = options.temporal().cli(TemporalDevServer::findCliOnPath);
    if (cli.isPresent()) {
      return CliTemporalServer.start(
          cli.get(), temporalPort(), freeIfBusy(options.webUiPort(), "Temporal Web UI"));
    }
    return EmbeddedTemporalServer.start(temporalPort());
  }

  /** Starts a release and, on a server with a Web UI, prints where its history is. */
  private void start(ReleaseSpec release) {
    releases().start(release);
    temporal
        .webUiLink(release.workflowId())
        .ifPresent(
            link -> out.printf("  %s in the Temporal Web UI: %s%n", release.releaseId(), link));
  }

  private int temporalPort() {
    return freeIfBusy(options.temporalPort(), "the Temporal server");
  }

  /** The requested port, or a free one when it is taken: the demo should start regardless. */
  private int freeIfBusy(int wanted, String who) {
    if (wanted == 0 || Ports.isFree(wanted)) {
      return wanted;
    }
    int free = Ports.free();
    out.printf("Port %d is busy; %s listens on %d instead.%n", wanted, who, free);
    return free;
  }

  private WaveguardConfiguration configuration() {
    WaveguardConfiguration config =
        WaveguardConfiguration.embedded(
                postgres.jdbcUrl("postgres"),
                EmbeddedPostgresServer.SUPERUSER,
                "",
                temporal.target())
            .withHttp("127.0.0.1", options.apiPort(), options.adminPort());
    // The embedded server registered them when it started.
    config.getTemporal().setRegisterSearchAttributes(false);
    config.getTemporal().setQueryTimeout(Duration.seconds(2));
    config
        .getTelemetry()
        .setRequestsPerTargetPerMinute(DemoScenario.REQUESTS_PER_TARGET_PER_MINUTE);
    // Bakes of seconds give a wave of one target a handful of per-second p99s, not the 20 a
    // ten-minute bake gives; the latency test still needs that many before it may pass.
    config.getGate().latencyMinSamples = DemoScenario.LATENCY_MIN_SAMPLES;
    // Ctrl-C should not wait long for activities; Temporal retries whatever is cut off.
    config.getWorker().setShutdownTimeout(Duration.seconds(2));
    config.getObservability().addSpanExporter(traces);
    // The progress lines are the demo's output; the log only speaks up when something is wrong.
    DefaultLoggingFactory logging = (DefaultLoggingFactory) config.getLoggingFactory();
    logging.setLevel("WARN");
    // The test server lacks worker heartbeats, and the SDK warns about that once per worker.
    logging.setLoggers(Map.of("io.temporal", TextNode.valueOf("ERROR")));
    // No access log either; without appenders Dropwizard installs none.
    ((LogbackAccessRequestLogFactory)
            ((AbstractServerFactory) config.getServerFactory()).getRequestLogFactory())
        .setAppenders(List.of());
    return config;
  }

  /**
   * Polls the releases every 250 ms, printing each change, until all three are final or the
   * options' timeout passes. Starts each release once the one before it is over, and aborts the
   * silent one once it paused.
   */
  public DemoOutcome awaitOutcome() throws InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    Map<String, ReleaseStatus> statuses = new LinkedHashMap<>();
    statuses.put(DemoScenario.GOOD_RELEASE, null);
    while (true) {
      for (String releaseId : List.copyOf(statuses.keySet())) {
        ReleaseStatus last = statuses.get(releaseId);
        if (last == null || !last.isFinal()) {
          ReleaseState state = poll(releaseId);
          if (state != null) {
            progress.observe(state);
            statuses.put(releaseId, state.status());
            next(releaseId, state, statuses);
          }
        }
      }
      boolean done =
          statuses.size() == 3
              && statuses.values().stream().allMatch(s -> s != null && s.isFinal());
      if (done || System.nanoTime() > deadline) {
        return new DemoOutcome(statuses);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Starts the next release, or aborts the silent one, when the observed state calls for it. */
  private void next(String releaseId, ReleaseState state, Map<String, ReleaseStatus> statuses) {
    // One release after the other: simulated telemetry charges a target's errors to the version
    // it ran when a gate window opened, so two releases on the same targets would share blame.
    if (releaseId.equals(DemoScenario.GOOD_RELEASE)
        && state.status().isFinal()
        && !statuses.containsKey(DemoScenario.FAULTY_RELEASE)) {
      start(DemoScenario.faultyRelease(options.bakeSeconds()));
      statuses.put(DemoScenario.FAULTY_RELEASE, null);
    } else if (releaseId.equals(DemoScenario.FAULTY_RELEASE)
        && state.status().isFinal()
        && !statuses.containsKey(DemoScenario.SILENT_RELEASE)) {
      start(DemoScenario.silentRelease(options.bakeSeconds()));
      statuses.put(DemoScenario.SILENT_RELEASE, null);
    } else if (releaseId.equals(DemoScenario.SILENT_RELEASE)
        && state.status() == ReleaseStatus.PAUSED) {
      out.printf(
          "  %s paused: %s%n  the demo's operator aborts it%n", releaseId, state.pauseReason());
      server
          .operatorCommands()
          .apply(
              releaseId,
              OperatorAction.ABORT,
              new OperatorCommand("demo-operator", "telemetry is missing; not shipping blind"));
    }
  }

  /** The release's state, or null when it cannot be read right now (the next poll tries again). */
  private ReleaseState poll(String releaseId) {
    try {
      return releases().state(releaseId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public ReleaseService releases() {
    return server.releases();
  }

  public WaveguardServer server() {
    return server;
  }

  public Jdbi jdbi() {
    return server.jdbi();
  }

  /** Stops Waveguard, then Temporal, then PostgreSQL; safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly("Waveguard", server);
    closeQuietly("Temporal", temporal);
    closeQuietly("PostgreSQL", postgres);
  }

  private void closeQuietly(String name, AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      out.printf("%s did not stop cleanly: %s%n", name, e);
    }
  }

  /**
   * Prints the outcome's lines, one per release: {@code release <id> <STATUS>}, then what each
   * release's trace holds.
   */
  public void printOutcome(DemoOutcome outcome) {
    outcome.lines().forEach(out::println);
    for (String releaseId : outcome.statuses().keySet()) {
      traces.of(releaseId).ifPresent(trace -> out.println(trace.describe(releaseId)));
    }
    out.flush();
  }

  DemoTraces traces() {
    return traces;
  }
}
