package io.waveguard.activities.telemetry.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TargetVersions;
import io.waveguard.activities.telemetry.TelemetryUnavailableException;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Answer;
import io.waveguard.policy.model.CohortStats;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The source against canned Prometheus answers: no network. */
class PrometheusTelemetrySourceTest {

  private static final Instant TO = Instant.ofEpochSecond(1_700_000_000);
  private static final Instant FROM = TO.minus(Duration.ofMinutes(10));
  private static final PrometheusSettings SETTINGS =
      PrometheusSettings.defaults(URI.create("http://127.0.0.1:9090"));

  /** Canned answer bodies by indicator; an indicator without one answers with no series. */
  private final Map<String, String> answers = new HashMap<>();

  private final List<URI> requested = new ArrayList<>();
  private int status = 200;

  @Test
  void oneQueryPerIndicatorCoversTheBatchAndIsSplitByTargetLabel() {
    answers.put("freshness", vector(Map.of("a", 12.0, "b", 12.0)));
    answers.put("requests", vector(Map.of("a", 1000.0, "b", 500.0)));
    answers.put("errors", vector(Map.of("a", 10.0, "b", 100.0)));
    answers.put("crashes", vector(Map.of("b", 2.0)));
    answers.put("availability", vector(Map.of("a", 1.0, "b", 0.75)));
    answers.put("latency", matrix(Map.of("a", 120.0)));

    Map<String, TargetTelemetry> telemetry =
        source().perTarget(List.of("a", "b", "ghost"), FROM, TO);

    assertThat(requested).hasSize(6);
    assertThat(requested).allSatisfy(uri -> assertThat(query(uri)).contains("=~\"(?:a|b|ghost)\""));
    assertThat(telemetry.keySet()).containsExactly("a", "b");
    assertThat(telemetry.get("a"))
        .isEqualTo(new TargetTelemetry("a", 1000, 10, 0, 1.0, List.of(120.0, 120.0)));
    assertThat(telemetry.get("b"))
        .isEqualTo(new TargetTelemetry("b", 500, 100, 2, 0.75, List.of()));
    assertThat(source().aggregate(List.of("a", "b", "ghost"), FROM, TO))
        .isEqualTo(new CohortStats(2, 1500, 110));
  }

  @Test
  void countsAreRoundedAndClampedAndAvailabilityKeptWithinZeroAndOne() {
    answers.put("freshness", vector(Map.of("a", 12.0, "b", 12.0)));
    answers.put("requests", vector(Map.of("a", 10.4, "b", 3.0)));
    answers.put("errors", vector(Map.of("a", 12.7, "b", Double.NaN)));
    answers.put("crashes", vector(Map.of("a", -2.0)));
    answers.put("availability", vector(Map.of("a", 1.3, "b", -0.2)));

    Map<String, TargetTelemetry> telemetry = source().perTarget(List.of("a", "b"), FROM, TO);

    assertThat(telemetry.get("a")).isEqualTo(new TargetTelemetry("a", 10, 10, 0, 1.0, List.of()));
    assertThat(telemetry.get("b")).isEqualTo(new TargetTelemetry("b", 3, 0, 0, 0.0, List.of()));
  }

  @Test
  void targetWithoutAvailabilityCountsAsNeverUp() {
    answers.put("freshness", vector(Map.of("a", 12.0)));
    answers.put("requests", vector(Map.of("a", 100.0)));

    assertThat(source().perTarget(List.of("a"), FROM, TO).get("a").availability()).isZero();
  }

  @Test
  void targetWithoutSamplesWithinStaleAfterIsLeftOutWhateverItsCounts() {
    answers.put("freshness", vector(Map.of("a", 12.0, "zero", 0.0)));
    answers.put("requests", vector(Map.of("a", 100.0, "zero", 100.0, "silent", 100.0)));
    answers.put("availability", vector(Map.of("a", 1.0, "zero", 1.0, "silent", 1.0)));

    assertThat(source().perTarget(List.of("a", "zero", "silent"), FROM, TO)).containsOnlyKeys("a");
    URI freshness = requested.get(0);
    assertThat(freshness.getPath()).endsWith("/api/v1/query");
    assertThat(query(freshness)).contains("count_over_time(").contains("[300s]");
    assertThat(param(freshness, "time")).isEqualTo(TO.getEpochSecond() + ".000");
  }

  @Test
  void noFreshTargetMeansNoFurtherQueriesAndAnEmptyAnswer() {
    assertThat(source().perTarget(List.of("a", "b"), FROM, TO)).isEmpty();
    assertThat(requested).hasSize(1);
  }

  @Test
  void targetWithoutRequestsIsLeftOut() {
    answers.put("freshness", vector(Map.of("a", 12.0, "b", 12.0)));
    answers.put("requests", vector(Map.of("a", 100.0, "b", Double.NaN)));

    assertThat(source().perTarget(List.of("a", "b"), FROM, TO)).containsOnlyKeys("a");
  }

  @Test
  void latencyIsOneRangeQueryStartingOneStepIntoTheWindowWithNaNPointsDropped() {
    answers.put("freshness", vector(Map.of("a", 12.0)));
    answers.put("requests", vector(Map.of("a", 100.0)));
    answers.put(
        "latency",
        """
        {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"target":"a"},
          "values":[[1,"80"],[2,"NaN"],[3,"95.5"]]}]}}
        """);

    TargetTelemetry a = source().perTarget(List.of("a"), FROM, TO).get("a");

    assertThat(a.latencyP99Ms()).containsExactly(80.0, 95.5);
    URI latency = requested.stream().filter(u -> query(u).contains("histogram")).findFirst().get();
    assertThat(param(latency, "start")).isEqualTo(FROM.plusSeconds(60).getEpochSecond() + ".000");
    assertThat(param(latency, "end")).isEqualTo(TO.getEpochSecond() + ".000");
    assertThat(param(latency, "step")).isEqualTo("60s");
    assertThat(query(latency)).contains("[60s]");
  }

  @Test
  void windowShorterThanTheStepShrinksTheStepToTheWindow() {
    answers.put("freshness", vector(Map.of("a", 12.0)));
    answers.put("requests", vector(Map.of("a", 100.0)));

    source().perTarget(List.of("a"), TO.minusSeconds(20), TO);

    URI latency = requested.stream().filter(u -> query(u).contains("histogram")).findFirst().get();
    assertThat(param(latency, "step")).isEqualTo("20s");
    URI requests =
        requested.stream()
            .filter(u -> query(u).contains("increase(http_requests"))
            .findFirst()
            .get();
    assertThat(query(requests)).contains("[20s]");
    assertThat(param(requests, "time")).isEqualTo(TO.getEpochSecond() + ".000");
  }

  @Test
  void manyTargetsAreSplitIntoBatchesWhoseUrlsStayUnderTheLimit() {
    List<String> ids =
        IntStream.range(0, 2000).mapToObj(i -> "payments-eu.cell|%05d".formatted(i)).toList();

    source().perTarget(ids, FROM, TO);

    assertThat(requested).hasSizeGreaterThan(1);
    assertThat(requested)
        .allSatisfy(uri -> assertThat(uri.toString().length()).isLessThanOrEqualTo(6_000));
    String asked =
        requested.stream().map(PrometheusTelemetrySourceTest::query).collect(Collectors.joining());
    List<String> notAskedExactlyOnce =
        ids.stream()
            .filter(
                id -> {
                  String quoted = PrometheusClient.quotedTarget(id);
                  int first = asked.indexOf(quoted);
                  return first < 0 || asked.indexOf(quoted, first + 1) >= 0;
                })
            .toList();
    assertThat(notAskedExactlyOnce).isEmpty();
  }

  @Test
  void seriesWithoutTheTargetLabelIsAnErrorNamingIndicatorAndFix() {
    answers.put("freshness", vector(Map.of("a", 12.0)));
    answers.put("requests", vector(Map.of("a", 100.0)));
    answers.put(
        "errors",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{},\"value\":[1,\"3\"]}]}}");

    assertThatThrownBy(() -> source().perTarget(List.of("a"), FROM, TO))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("cannot read errors")
        .hasMessageContaining("without the label 'target'")
        .hasMessageContaining("by (target)");
  }

  @Test
  void twoSeriesForOneTargetIsAnError() {
    answers.put("freshness", vector(Map.of("a", 12.0)));
    answers.put(
        "requests",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"target\":\"a\",\"instance\":\"1\"},\"value\":[1,\"3\"]},"
            + "{\"metric\":{\"target\":\"a\",\"instance\":\"2\"},\"value\":[1,\"4\"]}]}}");

    assertThatThrownBy(() -> source().perTarget(List.of("a"), FROM, TO))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("cannot read requests")
        .hasMessageContaining("several series for target 'a'");
  }

  @Test
  void serverErrorMakesTelemetryUnavailableNamingTheIndicator() {
    status = 503;

    assertThatThrownBy(() -> source().perTarget(List.of("a"), FROM, TO))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("cannot read freshness")
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void emptyBatchOrEmptyWindowAsksNothing() {
    assertThat(source().perTarget(List.of(), FROM, TO)).isEmpty();
    assertThat(source().perTarget(List.of("a"), TO, TO)).isEmpty();
    assertThat(requested).isEmpty();
  }

  @Test
  void withAVersionLabelOnlyTheSeriesOfTheBuildWaveguardDeployedAreCredited() {
    // "a" runs 2.0 (its 1.9 series are a stale exporter's); "b" runs a baseline Waveguard did not
    // deploy, so its one series is its own whatever the label says.
    String versioned =
        """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"target":"a","version":"1.9"},"value":[%1$d,"%2$s"]},
          {"metric":{"target":"a","version":"2.0"},"value":[%1$d,"%3$s"]},
          {"metric":{"target":"b","version":"1.8"},"value":[%1$d,"%3$s"]}]}}
        """;
    answers.put("freshness", versioned.formatted(TO.getEpochSecond(), "12", "12"));
    answers.put("requests", versioned.formatted(TO.getEpochSecond(), "5000", "1000"));
    answers.put("errors", versioned.formatted(TO.getEpochSecond(), "2500", "1"));
    answers.put("availability", versioned.formatted(TO.getEpochSecond(), "0.5", "1"));
    List<Instant> asked = new ArrayList<>();
    TargetVersions deployed =
        (ids, at) -> {
          asked.add(at);
          return Map.of("a", "2.0");
        };
    PrometheusSettings settings =
        PrometheusSettings.defaults(URI.create("http://127.0.0.1:9090"), "target", "version");

    Map<String, TargetTelemetry> telemetry =
        source(settings, deployed).perTarget(List.of("a", "b"), FROM, TO);

    assertThat(telemetry.get("a")).isEqualTo(new TargetTelemetry("a", 1000, 1, 0, 1.0, List.of()));
    assertThat(telemetry.get("b")).isEqualTo(new TargetTelemetry("b", 1000, 1, 0, 1.0, List.of()));
    assertThat(asked).containsExactly(FROM);
    assertThat(requested).allSatisfy(uri -> assertThat(query(uri)).contains("by (target, version"));
  }

  private PrometheusTelemetrySource source() {
    return source(SETTINGS, TargetVersions.NONE);
  }

  private PrometheusTelemetrySource source(PrometheusSettings settings, TargetVersions versions) {
    PrometheusClient client =
        new PrometheusClient(
            SETTINGS.baseUrl(),
            SETTINGS.queryTimeout(),
            (uri, timeout) -> {
              requested.add(uri);
              if (status != 200) {
                return new Answer(status, "Service Unavailable");
              }
              String body = answers.get(indicatorOf(query(uri)));
              boolean range = uri.getPath().endsWith("query_range");
              return new Answer(
                  200, body != null ? body : range ? matrix(Map.of()) : vector(Map.of()));
            });
    return new PrometheusTelemetrySource(settings, client, versions);
  }

  /** Which default template the query came from. */
  private static String indicatorOf(String query) {
    if (query.contains("count_over_time(")) {
      return "freshness";
    } else if (query.contains("histogram_quantile")) {
      return "latency";
    } else if (query.contains("http_request_errors_total")) {
      return "errors";
    } else if (query.contains("app_crashes_total")) {
      return "crashes";
    } else if (query.contains("up{")) {
      return "availability";
    }
    return "requests";
  }

  private static String vector(Map<String, Double> values) {
    return answer(
        "vector",
        values.entrySet().stream()
            .map(
                e ->
                    "{\"metric\":{\"target\":\"%s\"},\"value\":[%d,\"%s\"]}"
                        .formatted(e.getKey(), TO.getEpochSecond(), e.getValue()))
            .collect(Collectors.joining(",")));
  }

  /** Two points per series, both with the given value. */
  private static String matrix(Map<String, Double> values) {
    return answer(
        "matrix",
        values.entrySet().stream()
            .map(
                e ->
                    "{\"metric\":{\"target\":\"%s\"},\"values\":[[1,\"%s\"],[2,\"%s\"]]}"
                        .formatted(e.getKey(), e.getValue(), e.getValue()))
            .collect(Collectors.joining(",")));
  }

  private static String answer(String type, String result) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"%s\",\"result\":[%s]}}"
        .formatted(type, result);
  }

  private static String query(URI uri) {
    return param(uri, "query");
  }

  private static String param(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name)) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no parameter " + name + " in " + uri);
  }
}
