package io.waveguard.activities.telemetry.prometheus;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real Prometheus process on a free loopback port, with its config and storage in one folder. */
public final class PrometheusServer implements AutoCloseable {

  private static final Duration READY_WITHIN = Duration.ofSeconds(30);

  private final Process process;
  private final URI baseUrl;
  private final Path log;
  private final Thread killOnExit;

  private PrometheusServer(Process process, URI baseUrl, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
    // If the test JVM dies without running @AfterAll, the server must not outlive it.
    this.killOnExit = new Thread(process::destroyForcibly, "kill-prometheus");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** The binary named by PROMETHEUS_BINARY, else the first {@code prometheus} on the PATH. */
  public static Optional<Path> binary() {
    String configured = System.getenv("PROMETHEUS_BINARY");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts the binary with the given configuration and waits until it is ready; a port taken
   * between choosing and binding it is retried on another.
   */
  public static PrometheusServer start(Path binary, Path dir, String config) throws Exception {
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    IllegalStateException failure = new IllegalStateException("prometheus never became ready");
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = freePort();
      Path log = dir.resolve("prometheus-" + attempt + ".log");
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + configFile,
                  "--storage.tsdb.path=" + dir.resolve("data-" + attempt),
                  "--storage.tsdb.retention.time=1h",
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusServer server =
          new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
      if (server.awaitReady()) {
        return server;
      }
      server.close();
      failure.addSuppressed(
          new IllegalStateException("attempt " + attempt + ":\n" + server.logTail()));
    }
    throw failure;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The server's last lines of output, for a failure message. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook will run and find the process gone.
    }
  }

  private boolean awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(baseUrl.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
