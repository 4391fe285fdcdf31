package io.waveguard.workflows.release;

import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Temporal server ({@code temporal server start-dev}) with SQLite persistence, for the tests
 * where a process dies: the in-process Java test server does not hand a dead worker's tasks to a
 * new one, a real server does. Found as {@code $TEMPORAL_CLI}, on the PATH or in {@code ~/go/bin};
 * {@code .ci/run} installs it.
 */
final class TemporalDevServer implements AutoCloseable {

  private final Path binary;
  private final Path database;
  private final int port;
  private Process process;

  private TemporalDevServer(Path binary, Path database, int port) {
    this.binary = binary;
    this.database = database;
    this.port = port;
  }

  static Optional<Path> findCli() {
    Stream<Path> candidates =
        Stream.concat(
            Stream.ofNullable(System.getenv("TEMPORAL_CLI")).map(Path::of),
            Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(dir -> !dir.isBlank())
                    .map(dir -> Path.of(dir, "temporal")),
                Stream.of(Path.of(System.getProperty("user.home"), "go", "bin", "temporal"))));
    return candidates.filter(Files::isExecutable).findFirst();
  }

  static TemporalDevServer start(Path binary) throws IOException, InterruptedException {
    // A fresh path, not an empty file: the server only creates its schema in a new database.
    Path database = Files.createTempDirectory("waveguard-temporal").resolve("temporal.db");
    TemporalDevServer server = new TemporalDevServer(binary, database, freePort());
    server.restart();
    server.registerSearchAttributes();
    return server;
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  /** Stops the server process abruptly; its SQLite file keeps every release. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("temporal dev server did not die");
    }
  }

  /**
   * Starts the server again on the same port and database. A killed server's port and SQLite file
   * can take a moment to be released, so a start that does not come up is tried again.
   */
  void restart() throws IOException, InterruptedException {
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

  @Override
  public void close() throws Exception {
    kill();
    try (Stream<Path> files = Files.list(database.getParent())) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(database.getParent());
  }

  private void startProcess() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "server",
                    "start-dev",
                    "--headless",
                    "--ip",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--ui-port",
                    Integer.toString(freePort()),
                    "--http-port",
                    Integer.toString(freePort()),
                    "--metrics-port",
                    Integer.toString(freePort()),
                    "--db-filename",
                    database.toString(),
                    "--log-level",
                    "error"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    awaitReady(Duration.ofSeconds(30));
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

  private void registerSearchAttributes() {
    WorkflowServiceStubs stubs = stubs();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs.getOptions()).build());
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace("default");
    for (SearchAttributeKey<?> key : ReleaseSearchAttributes.ALL) {
      request.putSearchAttributes(key.getName(), key.getValueType());
    }
    operator.blockingStub().addSearchAttributes(request.build());
    operator.shutdownNow();
    stubs.shutdownNow();
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
