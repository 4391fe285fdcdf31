package io.waveguard.activities.telemetry.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusSettingsTest {

  private static final URI BASE = URI.create("http://127.0.0.1:9090");

  @Test
  void defaultsSelectTargetsByTheTargetLabelAndUseDocumentedDurations() {
    PrometheusSettings settings = PrometheusSettings.defaults(BASE);

    assertThat(settings.targetLabel()).isEqualTo("target");
    assertThat(settings.requestsQuery())
        .isEqualTo(
            "sum by (target) (increase(http_requests_total{target=~\"{{target}}\"}[{{window}}]))");
    assertThat(settings.availabilityQuery())
        .isEqualTo("avg by (target) (avg_over_time(up{target=~\"{{target}}\"}[{{window}}]))");
    assertThat(settings.latencyP99MsQuery())
        .contains("histogram_quantile(0.99")
        .contains("{{step}}");
    assertThat(settings.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.rangeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.staleAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void defaultsFollowACustomTargetLabelEverywhere() {
    PrometheusSettings settings = PrometheusSettings.defaults(BASE, "cell");

    for (String template :
        List.of(
            settings.requestsQuery(),
            settings.errorsQuery(),
            settings.crashesQuery(),
            settings.availabilityQuery(),
            settings.latencyP99MsQuery(),
            settings.freshnessQuery())) {
      assertThat(template)
          .contains("cell=~\"{{target}}\"")
          .contains("by (cell")
          .doesNotContain("target=");
    }
  }

  @Test
  void templateWithoutTargetPlaceholderIsRejectedNamingTheField() {
    PrometheusSettings defaults = PrometheusSettings.defaults(BASE);

    assertThatThrownBy(
            () -> defaults.toBuilder().latencyP99MsQuery("max(app_latency_p99_ms)").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencyP99MsQuery")
        .hasMessageContaining("{{target}}");
  }

  @Test
  void unknownPlaceholderIsRejectedSoATypoCannotReachPrometheus() {
    PrometheusSettings defaults = PrometheusSettings.defaults(BASE);

    assertThatThrownBy(
            () ->
                defaults.toBuilder()
                    .latencyP99MsQuery("max(x{target=~\"{{target}}\"}[{{windw}}])")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencyP99MsQuery")
        .hasMessageContaining("{{windw}}");
  }

  @Test
  void freshnessQueryMustLookBackStaleAfterOrTheSettingWouldBeIgnored() {
    PrometheusSettings d = PrometheusSettings.defaults(BASE);

    assertThatThrownBy(
            () ->
                new PrometheusSettings(
                    d.baseUrl(),
                    d.requestsQuery(),
                    d.errorsQuery(),
                    d.crashesQuery(),
                    d.availabilityQuery(),
                    d.latencyP99MsQuery(),
                    "sum by (target) (count_over_time(up{target=~\"{{target}}\"}[5m]))",
                    d.targetLabel(),
                    d.queryTimeout(),
                    d.rangeStep(),
                    d.staleAfter(),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("freshnessQuery")
        .hasMessageContaining("{{staleAfter}}");
  }

  @Test
  void nonPositiveDurationsAndBadLabelsAreRejectedNamingTheField() {
    PrometheusSettings defaults = PrometheusSettings.defaults(BASE);

    assertThatThrownBy(() -> defaults.toBuilder().rangeStep(Duration.ZERO).build())
        .hasMessageContaining("rangeStep");
    assertThatThrownBy(() -> defaults.toBuilder().staleAfter(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("staleAfter");
    assertThatThrownBy(() -> defaults.toBuilder().queryTimeout(Duration.ofNanos(10)).build())
        .hasMessageContaining("queryTimeout");
    assertThatThrownBy(() -> PrometheusSettings.defaults(BASE, "target-id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetLabel");
    assertThatThrownBy(() -> PrometheusSettings.defaults(URI.create("ftp://host/")))
        .hasMessageContaining("baseUrl");
  }

  @Test
  void fillReplacesEveryOccurrenceAndInsertsValuesVerbatim() {
    String filled =
        PrometheusSettings.fill(
            "a{t=~\"{{target}}\"} / b{t=~\"{{ target }}\"}[{{window}}:{{step}}]",
            Map.of("target", "(?:x\\\\$1)", "window", "300s", "step", "60s"));

    assertThat(filled).isEqualTo("a{t=~\"(?:x\\\\$1)\"} / b{t=~\"(?:x\\\\$1)\"}[300s:60s]");
  }

  @Test
  void occurrencesCountsOnlyTheNamedPlaceholder() {
    assertThat(PrometheusSettings.occurrences("{{target}} {{window}} {{target}}", "target"))
        .isEqualTo(2);
  }
}
