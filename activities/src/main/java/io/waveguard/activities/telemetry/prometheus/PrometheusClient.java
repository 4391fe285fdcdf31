package io.waveguard.activities.telemetry.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waveguard.activities.observability.HttpTracing;
import io.waveguard.activities.telemetry.TelemetryUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Instant and range queries against Prometheus's HTTP API, each bounded by one timeout. */
public final class PrometheusClient {

  /** One labelled series of an answer; an instant query's series hold exactly one sample. */
  public record Series(Map<String, String> labels, List<Sample> samples) {
    public Series {
      labels = Map.copyOf(labels);
      samples = List.copyOf(samples);
    }
  }

  /** One point of a series; the value may be NaN or infinite, as PromQL allows. */
  public record Sample(Instant time, double value) {}

  /** The one HTTP exchange the client needs, so parsing and errors can be tested offline. */
  interface Transport {
    Answer get(URI uri, Duration timeout) throws IOException, InterruptedException;
  }

  /** An HTTP status and body. */
  record Answer(int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGEX_METACHARACTERS = "\\.+*?()|[]{}^$";

  private final String baseUrl;
  private final Duration timeout;
  private final Transport transport;

  public PrometheusClient(URI baseUrl, Duration timeout) {
    this(baseUrl, timeout, HttpTracing.none());
  }

  /** Each query a client span of the current trace, its context in {@code traceparent}. */
  public PrometheusClient(URI baseUrl, Duration timeout, HttpTracing tracing) {
    this(baseUrl, timeout, httpTransport(timeout, tracing));
  }

  PrometheusClient(URI baseUrl, Duration timeout, Transport transport) {
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.timeout = timeout;
    this.transport = transport;
  }

  /** The query's instant vector evaluated at {@code time}. */
  public List<Series> instant(String query, Instant time) {
    return run(instantUri(query, time), query, "vector");
  }

  /** The query's series evaluated at start, start + step, ... up to end. */
  public List<Series> range(String query, Instant start, Instant end, Duration step) {
    return run(rangeUri(query, start, end, step), query, "matrix");
  }

  // Both URIs pass the timeout on, so the server gives up when the client does.
  URI instantUri(String query, Instant time) {
    return uri(
        "/api/v1/query", "query", query, "time", seconds(time), "timeout", duration(timeout));
  }

  URI rangeUri(String query, Instant start, Instant end, Duration step) {
    return uri(
        "/api/v1/query_range",
        "query",
        query,
        "start",
        seconds(start),
        "end",
        seconds(end),
        "step",
        duration(step),
        "timeout",
        duration(timeout));
  }

  /**
   * A regular expression matching exactly these ids, escaped to sit inside a double-quoted PromQL
   * string; grouped so a template may put text around it.
   */
  static String targetPattern(Collection<String> targetIds) {
    return targetIds.stream()
        .map(PrometheusClient::quotedTarget)
        .collect(Collectors.joining("|", "(?:", ")"));
  }

  /** One id as a literal regular expression, escaped for a double-quoted PromQL string. */
  static String quotedTarget(String targetId) {
    return promqlString(regexLiteral(targetId));
  }

  /** Escapes RE2's metacharacters, as Go's regexp.QuoteMeta does. */
  static String regexLiteral(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }

  /** Escapes text for the inside of a double-quoted PromQL string. */
  static String promqlString(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case '"' -> escaped.append("\\\"");
        // A raw line break ends a PromQL string early: "unterminated quoted string".
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A PromQL duration: whole seconds when exact, else milliseconds. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /** How many characters the text takes once URL-encoded as a query parameter. */
  static int encodedLength(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).length();
  }

  /** The answer's series; throws IllegalArgumentException saying what is wrong with the body. */
  static List<Series> parse(String body, String expectedType) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + abbreviate(body));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object: " + abbreviate(body));
    }
    String status = root.path("status").asText();
    if (!"success".equals(status)) {
      throw new IllegalArgumentException(describeError(root, body));
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText();
    if (!expectedType.equals(type)) {
      throw new IllegalArgumentException(
          "result type is '%s', expected '%s'".formatted(type, expectedType));
    }
    JsonNode result = data.path("result");
    if (!result.isArray()) {
      throw new IllegalArgumentException("data.result is not a list: " + abbreviate(body));
    }
    List<Series> series = new ArrayList<>(result.size());
    for (JsonNode item : result) {
      Map<String, String> labels = new LinkedHashMap<>();
      item.path("metric")
          .fields()
          .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      List<Sample> samples = new ArrayList<>();
      if (type.equals("vector")) {
        samples.add(sample(item.path("value")));
      } else {
        for (JsonNode point : item.path("values")) {
          samples.add(sample(point));
        }
      }
      series.add(new Series(labels, samples));
    }
    return series;
  }

  private List<Series> run(URI uri, String query, String expectedType) {
    Answer answer = send(uri, query);
    if (answer.status() < 200 || answer.status() >= 300) {
      throw new TelemetryUnavailableException(
          "Prometheus at %s answered HTTP %d to query %s: %s"
              .formatted(baseUrl, answer.status(), abbreviate(query), errorOf(answer.body())));
    }
    try {
      return parse(answer.body(), expectedType);
    } catch (IllegalArgumentException e) {
      throw new TelemetryUnavailableException(
          "Prometheus at %s could not answer query %s: %s"
              .formatted(baseUrl, abbreviate(query), e.getMessage()),
          e);
    }
  }

  private Answer send(URI uri, String query) {
    try {
      return transport.get(uri, timeout);
    } catch (HttpTimeoutException e) {
      throw new TelemetryUnavailableException(
          "Prometheus at %s did not answer query %s within %d ms"
              .formatted(baseUrl, abbreviate(query), timeout.toMillis()),
          e);
    } catch (IOException e) {
      throw new TelemetryUnavailableException(
          "Prometheus at %s unreachable for query %s: %s".formatted(baseUrl, abbreviate(query), e),
          e);
    } catch (InterruptedException e) {
      // The activity is being cancelled or the worker is shutting down; keep the flag for them.
      Thread.currentThread().interrupt();
      throw new TelemetryUnavailableException("interrupted while querying Prometheus", e);
    }
  }

  private URI uri(String path, String... params) {
    StringBuilder url = new StringBuilder(baseUrl).append(path);
    for (int i = 0; i < params.length; i += 2) {
      url.append(i == 0 ? '?' : '&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return URI.create(url.toString());
  }

  private static String seconds(Instant time) {
    return "%d.%03d".formatted(time.getEpochSecond(), time.getNano() / 1_000_000);
  }

  private static Sample sample(JsonNode point) {
    if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber()) {
      throw new IllegalArgumentException("malformed sample " + abbreviate(point.toString()));
    }
    Instant time = Instant.ofEpochMilli(Math.round(point.get(0).asDouble() * 1000));
    String value = point.get(1).asText();
    return new Sample(
        time,
        switch (value) {
          case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          case "NaN" -> Double.NaN;
          default -> {
            try {
              yield Double.parseDouble(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("sample value is not a number: " + value);
            }
          }
        });
  }

  private static String errorOf(String body) {
    try {
      JsonNode root = JSON.readTree(body == null ? "" : body);
      if (root != null && root.has("error")) {
        return describeError(root, body);
      }
    } catch (JsonProcessingException e) {
      // Not Prometheus's JSON (a proxy's error page, say): show the body itself.
    }
    return abbreviate(body);
  }

  private static String describeError(JsonNode root, String body) {
    if (!root.has("error")) {
      return "status '%s': %s".formatted(root.path("status").asText(), abbreviate(body));
    }
    return root.path("errorType").asText("error") + ": " + abbreviate(root.path("error").asText());
  }

  private static String abbreviate(String text) {
    String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
  }

  private static Transport httpTransport(Duration timeout, HttpTracing tracing) {
    // HTTP/1.1: Prometheus speaks it everywhere, and an h2c upgrade buys nothing for one GET.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return (uri, requestTimeout) -> {
      try (HttpTracing.Call call = tracing.start("GET", uri)) {
        HttpRequest request =
            call.propagate(HttpRequest.newBuilder(uri))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          call.answered(response.statusCode());
          return new Answer(response.statusCode(), response.body());
        } catch (IOException | InterruptedException | RuntimeException e) {
          call.failed(e);
          throw e;
        }
      }
    };
  }
}
