package io.waveguard.activities.telemetry.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.activities.telemetry.TelemetryUnavailableException;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Answer;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Sample;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Series;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

  private static final URI BASE = URI.create("http://127.0.0.1:9090/prom/");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void labelValuesAreEscapedForDoubleQuotedPromqlStrings() {
    assertThat(PrometheusClient.promqlString("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }

  @Test
  void regexMetacharactersInIdsMatchLiterally() {
    assertThat(PrometheusClient.regexLiteral("eu.pay|1+(x)[y]{z}^$*?\\"))
        .isEqualTo("eu\\.pay\\|1\\+\\(x\\)\\[y\\]\\{z\\}\\^\\$\\*\\?\\\\");
    assertThat(PrometheusClient.regexLiteral("plain-id_7")).isEqualTo("plain-id_7");
  }

  @Test
  void targetPatternIsAGroupOfEscapedAlternatives() {
    String pattern = PrometheusClient.targetPattern(List.of("a.b", "c|d", "e\"f\\g"));

    // Regex-escaped first, then PromQL-string-escaped: a\.b becomes a\\.b inside the quotes.
    assertThat(pattern).isEqualTo("(?:a\\\\.b|c\\\\|d|e\\\"f\\\\\\\\g)");
  }

  @Test
  void durationsUseWholeSecondsWhenExact() {
    assertThat(PrometheusClient.duration(Duration.ofMinutes(5))).isEqualTo("300s");
    assertThat(PrometheusClient.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void instantQueryUrlEncodesTheQueryAndCarriesTimeAndTimeout() {
    PrometheusClient client = new PrometheusClient(BASE, TIMEOUT, (uri, t) -> null);
    String query = "sum by (target) (up{target=~\"(?:a\\\\.b|c)\"}) + 1 & x";

    URI uri = client.instantUri(query, Instant.ofEpochMilli(1_700_000_000_250L));

    assertThat(uri.getPath()).isEqualTo("/prom/api/v1/query");
    Map<String, String> params = params(uri);
    assertThat(params.get("query")).isEqualTo(query);
    assertThat(params.get("time")).isEqualTo("1700000000.250");
    assertThat(params.get("timeout")).isEqualTo("5s");
  }

  @Test
  void rangeQueryUrlCarriesStartEndAndStep() {
    PrometheusClient client = new PrometheusClient(BASE, TIMEOUT, (uri, t) -> null);

    URI uri =
        client.rangeUri(
            "q", Instant.ofEpochSecond(100), Instant.ofEpochSecond(400), Duration.ofSeconds(60));

    assertThat(uri.getPath()).isEqualTo("/prom/api/v1/query_range");
    assertThat(params(uri))
        .containsEntry("start", "100.000")
        .containsEntry("end", "400.000")
        .containsEntry("step", "60s");
  }

  @Test
  void vectorAnswerBecomesOneSamplePerSeries() {
    List<Series> series =
        PrometheusClient.parse(
            """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"target":"a"},"value":[1700000000.5,"42.5"]},
              {"metric":{"target":"b"},"value":[1700000000.5,"NaN"]},
              {"metric":{"target":"c"},"value":[1700000000.5,"+Inf"]}]}}
            """,
            "vector");

    assertThat(series).hasSize(3);
    assertThat(series.get(0).labels()).containsEntry("target", "a");
    assertThat(series.get(0).samples())
        .containsExactly(new Sample(Instant.ofEpochMilli(1_700_000_000_500L), 42.5));
    assertThat(series.get(1).samples().get(0).value()).isNaN();
    assertThat(series.get(2).samples().get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void matrixAnswerKeepsPointsInOrder() {
    List<Series> series =
        PrometheusClient.parse(
            """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"target":"a"},"values":[[100,"1"],[160,"2.5"]]}]}}
            """,
            "matrix");

    assertThat(series.get(0).samples()).extracting(Sample::value).containsExactly(1.0, 2.5);
  }

  @Test
  void errorStatusUnexpectedTypeAndGarbageAreUnreadable() {
    assertThatThrownBy(
            () ->
                PrometheusClient.parse(
                    "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}",
                    "vector"))
        .hasMessage("bad_data: parse error");
    assertThatThrownBy(
            () ->
                PrometheusClient.parse(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}",
                    "vector"))
        .hasMessageContaining("'scalar', expected 'vector'");
    assertThatThrownBy(() -> PrometheusClient.parse("<html>bad gateway</html>", "vector"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(
            () ->
                PrometheusClient.parse(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[{\"metric\":{},\"value\":[1,\"twelve\"]}]}}",
                    "vector"))
        .hasMessageContaining("twelve");
  }

  @Test
  void httpErrorNamesTheStatusAndPrometheusesReason() {
    PrometheusClient client =
        new PrometheusClient(
            BASE,
            TIMEOUT,
            (uri, t) ->
                new Answer(
                    422,
                    "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"too many samples\"}"));

    assertThatThrownBy(() -> client.instant("up{target=~\"a\"}", Instant.EPOCH))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("execution: too many samples")
        .hasMessageContaining("up{target=~\"a\"}");
  }

  @Test
  void proxyErrorPageIsShownAbbreviated() {
    PrometheusClient client =
        new PrometheusClient(
            BASE, TIMEOUT, (uri, t) -> new Answer(502, "<html>" + "x".repeat(5000) + "</html>"));

    assertThatThrownBy(() -> client.instant("up", Instant.EPOCH))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("<html>xxx")
        .hasMessageEndingWith("...");
  }

  @Test
  void unreachableAndSlowServersAreUnavailable() {
    PrometheusClient refused =
        new PrometheusClient(
            BASE,
            TIMEOUT,
            (uri, t) -> {
              throw new ConnectException("Connection refused");
            });
    PrometheusClient slow =
        new PrometheusClient(
            BASE,
            TIMEOUT,
            (uri, t) -> {
              throw new HttpTimeoutException("request timed out");
            });

    assertThatThrownBy(() -> refused.instant("up", Instant.EPOCH))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining("Connection refused");
    assertThatThrownBy(() -> slow.range("up", Instant.EPOCH, Instant.EPOCH, Duration.ofSeconds(1)))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("did not answer query up within 5000 ms");
  }

  private static Map<String, String> params(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return params;
  }
}
