package io.waveguard.workflows.devserver;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.waveguard.workflows.release.ReleaseSearchAttributes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Temporal server ({@code temporal server start-dev}) with SQLite persistence and, unless
 * headless, its Web UI: what the demo runs when the temporal CLI is at hand, and what the tests run
 * where a process dies (the in-process Java test server does not hand a dead worker's tasks to a
 * new one; a real server does). Every Waveguard search attribute is registered at start.
 */
public final class TemporalDevServer implements AutoCloseable {

  /** The namespace start-dev creates. */
  public static final String NAMESPACE = "default";

  private final Path binary;
  private final Path database;
  private final int port;
  private final int uiPort;
  private Process process;

  private TemporalDevServer(Path binary, Path database, int port, int uiPort) {
    this.binary = binary;
    this.database = database;
    this.port = port;
    this.uiPort = uiPort;
  }

  /**
   * The temporal CLI: {@code $WAVEGUARD_TEMPORAL_CLI} (or {@code $TEMPORAL_CLI}), else {@code
   * temporal} on the PATH.
   */
  public static Optional<Path> findCliOnPath() {
    return executable(
        Stream.concat(
            Stream.of(System.getenv("WAVEGUARD_TEMPORAL_CLI"), System.getenv("TEMPORAL_CLI"))
                .filter(p -> p != null && !p.isBlank())
                .map(Path::of),
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "temporal"))));
  }

  /**
   * As {@link #findCliOnPath}, then where Waveguard's scripts build it: {@code
   * ~/.cache/waveguard/bin} (infra/temporal-dev.sh) and {@code ~/go/bin} (.ci/run).
   */
  public static Optional<Path> findCli() {
    Path home = Path.of(System.getProperty("user.home"));
    return findCliOnPath()
        .or(
            () ->
                executable(
                    Stream.of(
                        home.resolve(".cache/waveguard/bin/temporal"),
                        home.resolve("go/bin/temporal"))));
  }

  private static Optional<Path> executable(Stream<Path> candidates) {
    return candidates.filter(Files::isExecutable).findFirst();
  }

  /** A headless server on free loopback ports with a fresh database, for tests. */
  public static TemporalDevServer start(Path binary) throws IOException, InterruptedException {
    return start(binary, 0, -1);
  }

  /**
   * Starts a server with a fresh database in a new temporary folder.
   *
   * @param port the gRPC port; 0 picks a free one
   * @param uiPort the Web UI's port; 0 picks a free one, -1 runs headless
   */
  public static TemporalDevServer start(Path binary, int port, int uiPort)
      throws IOException, InterruptedException {
    // A fresh path, not an empty file: the server only creates its schema in a new database.
    Path database = Files.createTempDirectory("waveguard-temporal").resolve("temporal.db");
    TemporalDevServer server =
        new TemporalDevServer(
            binary, database, port == 0 ? freePort() : port, uiPort == 0 ? freePort() : uiPort);
    server.restart();
    return server;
  }

  /** The gRPC target clients connect to. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /** The Web UI's address; empty when headless. */
  public Optional<String> webUi() {
    return uiPort < 0 ? Optional.empty() : Optional.of("http://127.0.0.1:" + uiPort);
  }

  /** The Web UI page of one workflow's history; empty when headless. */
  public Optional<String> webUiLink(String workflowId) {
    return webUi().map(ui -> ui + "/namespaces/" + NAMESPACE + "/workflows/" + workflowId);
  }

  /** Stops the server process abruptly; its SQLite file keeps every release. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("temporal dev server did not die");
    }
  }

  /**
   * Starts the server again on the same port and database. A killed server's port and SQLite file
   * can take a moment to be released, so a start that does not come up is tried again.
   */
  public void restart() throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        startProcess();
        return;
      } catch (IllegalStateException notReady) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        if (attempt == 3) {
          throw notReady;
        }
        Thread.sleep(1_000);
      }
    }
  }

  /** Stops the server and deletes its database. */
  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      // A clean stop first: the UI server and SQLite get to close their files.
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
    try (Stream<Path> files = Files.list(database.getParent())) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(database.getParent());
  }

  private void startProcess() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "server", "start-dev"));
    command.addAll(List.of("--ip", "127.0.0.1", "--port", Integer.toString(port)));
    if (uiPort < 0) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-port", Integer.toString(uiPort)));
    }
    command.addAll(
        List.of(
            "--http-port",
            Integer.toString(freePort()),
            "--metrics-port",
            Integer.toString(freePort()),
            "--db-filename",
            database.toString(),
            // SQLite's default rollback journal syncs the file several times per transaction and
            // serializes readers behind the writer: StartWorkflowExecution alone took 15-45 ms
            // (p50) one at a time and 0.7-2 s for 100 at once on the 2-core development machine,
            // against 6-8 ms and 165-265 ms with a write-ahead log. A WAL synced at checkpoints
            // still keeps every committed transaction when the process is killed (the crash
            // tests' case); only a power loss may lose the last ones.
            "--sqlite-pragma",
            "journal_mode=wal",
            "--sqlite-pragma",
            "synchronous=normal",
            "--log-level",
            "error"));
    // Registered by the server itself, so they exist before any client connects.
    for (SearchAttributeKey<?> key : ReleaseSearchAttributes.ALL) {
      command.addAll(List.of("--search-attribute", key.getName() + "=" + cliType(key)));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    awaitReady(Duration.ofSeconds(30));
  }

  /** The type name {@code --search-attribute} (and infra/temporal-dev.sh) uses for the key. */
  public static String cliType(SearchAttributeKey<?> key) {
    return switch (key.getValueType()) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new IllegalArgumentException("no CLI type for " + key.getName());
    };
  }

  private void awaitReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      WorkflowServiceStubs stubs = stubs();
      try {
        stubs
            .blockingStub()
            .withDeadlineAfter(1, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        awaitWebUi(deadline);
        return;
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(200);
      } finally {
        stubs.shutdownNow();
      }
    }
    throw new IllegalStateException(
        "temporal dev server did not start on " + target() + "; its output: " + logTail(), last);
  }

  /**
   * Waits until the Web UI serves its page: it starts after the frontend and answers 503 until it
   * reaches it, so a link printed at once could open on an error.
   */
  private void awaitWebUi(long deadline) throws InterruptedException {
    Optional<String> ui = webUi();
    if (ui.isEmpty()) {
      return;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest page =
        HttpRequest.newBuilder(URI.create(ui.get() + "/")).timeout(Duration.ofSeconds(2)).build();
    int status = 0;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        status = http.send(page, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return;
        }
      } catch (IOException notYet) {
        status = -1;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "temporal dev server's Web UI at %s answered %d; its output: %s"
            .formatted(ui.get(), status, logTail()));
  }

  private Path log() {
    return database.resolveSibling("server.log");
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private WorkflowServiceStubs stubs() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
