package io.waveguard.activities.telemetry.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A loopback exporter in Prometheus's text format, one metrics path per simulated target, whose
 * counters grow on every successful scrape.
 */
final class ScrapedFleet implements AutoCloseable {

  /** Share of each scrape's 1000 observed requests at or below each bucket bound (seconds). */
  private static final double[] BUCKET_BOUNDS = {0.05, 0.1, 0.25, 0.5};

  private static final long[] CUMULATIVE_PER_SCRAPE = {500, 950, 985, 1000};
  private static final long OBSERVATIONS_PER_SCRAPE = 1000;

  /**
   * How one target behaves.
   *
   * @param failEveryOtherScrape answer every second scrape with HTTP 503, so it is half available
   * @param successfulScrapes after this many successful scrapes the target answers only 503
   */
  record Target(
      String id,
      long requestsPerScrape,
      long errorsPerScrape,
      long crashesPerScrape,
      double latencyP99Ms,
      boolean failEveryOtherScrape,
      int successfulScrapes) {

    static Target healthy(String id, long requests, long errors, long crashes, double p99) {
      return new Target(id, requests, errors, crashes, p99, false, Integer.MAX_VALUE);
    }
  }

  private final List<Target> targets;
  private final int[] scrapes;
  private final int[] served;
  private final HttpServer server;

  ScrapedFleet(List<Target> targets) throws IOException {
    this.targets = List.copyOf(targets);
    this.scrapes = new int[targets.size()];
    this.served = new int[targets.size()];
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    for (int i = 0; i < targets.size(); i++) {
      int index = i;
      server.createContext(metricsPath(i), exchange -> scrape(index, exchange));
    }
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<Target> targets() {
    return targets;
  }

  static String metricsPath(int index) {
    return "/metrics/" + index;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void scrape(int index, HttpExchange exchange) throws IOException {
    Target target = targets.get(index);
    scrapes[index]++;
    boolean failing =
        served[index] >= target.successfulScrapes()
            || (target.failEveryOtherScrape() && scrapes[index] % 2 == 0);
    if (failing) {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    served[index]++;
    byte[] body = exposition(target, served[index]).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String exposition(Target target, long scrapes) {
    String labels = "target=\"" + labelValue(target.id()) + "\"";
    StringBuilder text = new StringBuilder();
    counter(text, "http_requests_total", labels, target.requestsPerScrape() * scrapes);
    counter(text, "http_request_errors_total", labels, target.errorsPerScrape() * scrapes);
    counter(text, "app_crashes_total", labels, target.crashesPerScrape() * scrapes);
    text.append("# TYPE app_latency_p99_ms gauge\n")
        .append("app_latency_p99_ms{")
        .append(labels)
        .append("} ")
        .append(target.latencyP99Ms())
        .append('\n');
    text.append("# TYPE http_request_duration_seconds histogram\n");
    for (int i = 0; i < BUCKET_BOUNDS.length; i++) {
      bucket(text, labels, String.valueOf(BUCKET_BOUNDS[i]), CUMULATIVE_PER_SCRAPE[i] * scrapes);
    }
    bucket(text, labels, "+Inf", OBSERVATIONS_PER_SCRAPE * scrapes);
    text.append("http_request_duration_seconds_sum{")
        .append(labels)
        .append("} ")
        .append(String.format(Locale.ROOT, "%.3f", 0.08 * OBSERVATIONS_PER_SCRAPE * scrapes))
        .append('\n');
    text.append("http_request_duration_seconds_count{")
        .append(labels)
        .append("} ")
        .append(OBSERVATIONS_PER_SCRAPE * scrapes)
        .append('\n');
    return text.toString();
  }

  private static void counter(StringBuilder text, String name, String labels, long value) {
    text.append("# TYPE ").append(name).append(" counter\n");
    text.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private static void bucket(StringBuilder text, String labels, String le, long count) {
    text.append("http_request_duration_seconds_bucket{")
        .append(labels)
        .append(",le=\"")
        .append(le)
        .append("\"} ")
        .append(count)
        .append('\n');
  }

  /** The exposition format's escaping of label values. */
  private static String labelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
