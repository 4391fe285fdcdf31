package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.waveguard.activities.telemetry.prometheus.PrometheusSettings;
import java.net.URI;

/**
 * The {@code prometheus} telemetry source: where the server is and the PromQL templates per
 * indicator. A template left empty uses the default documented on {@link PrometheusSettings}; the
 * settings reject a template without {@code {{target}}} by name.
 */
public class PrometheusConfiguration {

  /** The server's root URL; a path prefix is kept. */
  @JsonProperty public String url = "http://127.0.0.1:9090";

  /** The label that carries target ids in every query's result. */
  @JsonProperty public String targetLabel = PrometheusSettings.DEFAULT_TARGET_LABEL;

  /**
   * The label that carries the build a series was measured on; empty when series carry none. Set,
   * every default query keeps it, and series of another build than Waveguard deployed on the target
   * are not credited to the release.
   */
  @JsonProperty public String versionLabel;

  @JsonProperty public Duration queryTimeout = Duration.seconds(5);
  @JsonProperty public Duration rangeStep = Duration.seconds(60);
  @JsonProperty public Duration staleAfter = Duration.minutes(5);

  @JsonProperty public String requestsQuery;
  @JsonProperty public String errorsQuery;
  @JsonProperty public String crashesQuery;
  @JsonProperty public String availabilityQuery;
  @JsonProperty public String latencyP99MsQuery;
  @JsonProperty public String freshnessQuery;

  public PrometheusSettings toSettings() {
    String version = versionLabel == null || versionLabel.isBlank() ? null : versionLabel;
    PrometheusSettings defaults =
        PrometheusSettings.defaults(URI.create(url), targetLabel, version);
    return new PrometheusSettings(
        defaults.baseUrl(),
        or(requestsQuery, defaults.requestsQuery()),
        or(errorsQuery, defaults.errorsQuery()),
        or(crashesQuery, defaults.crashesQuery()),
        or(availabilityQuery, defaults.availabilityQuery()),
        or(latencyP99MsQuery, defaults.latencyP99MsQuery()),
        or(freshnessQuery, defaults.freshnessQuery()),
        targetLabel,
        java.time.Duration.ofMillis(queryTimeout.toMilliseconds()),
        java.time.Duration.ofMillis(rangeStep.toMilliseconds()),
        java.time.Duration.ofMillis(staleAfter.toMilliseconds()),
        version);
  }

  private static String or(String configured, String fallback) {
    return configured == null || configured.isBlank() ? fallback : configured;
  }
}
