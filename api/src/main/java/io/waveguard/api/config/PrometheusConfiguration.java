package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.selfvalidating.SelfValidating;
import io.dropwizard.validation.selfvalidating.SelfValidation;
import io.dropwizard.validation.selfvalidating.ViolationCollector;
import io.waveguard.activities.telemetry.prometheus.PrometheusSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The {@code prometheus} telemetry source: where the server is and the PromQL templates per
 * indicator. A template left empty uses the default documented on {@link PrometheusSettings}; the
 * settings reject a template without {@code {{target}}} by name, at startup.
 */
@SelfValidating
public class PrometheusConfiguration {

  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";

  /** The server's root URL; a path prefix is kept. */
  @NotBlank @JsonProperty public String url = "http://127.0.0.1:9090";

  /** The label that carries target ids in every query's result. */
  @NotNull
  @Pattern(regexp = LABEL, message = "must be a Prometheus label name")
  @JsonProperty
  public String targetLabel = PrometheusSettings.DEFAULT_TARGET_LABEL;

  /**
   * The label that carries the build a series was measured on; empty when series carry none. Set,
   * every default query keeps it, and series of another build than Waveguard deployed on the target
   * are not credited to the release.
   */
  @Pattern(regexp = "|" + LABEL, message = "must be empty or a Prometheus label name")
  @JsonProperty
  public String versionLabel;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration queryTimeout = Duration.seconds(5);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration rangeStep = Duration.seconds(60);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  public Duration staleAfter = Duration.minutes(5);

  // PromQL templates: null or empty for the default; PrometheusSettings checks the rest.
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
    return defaults.toBuilder()
        .requestsQuery(or(requestsQuery, defaults.requestsQuery()))
        .errorsQuery(or(errorsQuery, defaults.errorsQuery()))
        .crashesQuery(or(crashesQuery, defaults.crashesQuery()))
        .availabilityQuery(or(availabilityQuery, defaults.availabilityQuery()))
        .latencyP99MsQuery(or(latencyP99MsQuery, defaults.latencyP99MsQuery()))
        .freshnessQuery(or(freshnessQuery, defaults.freshnessQuery()))
        .queryTimeout(java.time.Duration.ofMillis(queryTimeout.toMilliseconds()))
        .rangeStep(java.time.Duration.ofMillis(rangeStep.toMilliseconds()))
        .staleAfter(java.time.Duration.ofMillis(staleAfter.toMilliseconds()))
        .build();
  }

  /** The templates and the URL are judged by the settings themselves, so their rules stay there. */
  @SelfValidation
  public void validateTheSettings(ViolationCollector violations) {
    if (url == null
        || targetLabel == null
        || queryTimeout == null
        || rangeStep == null
        || staleAfter == null) {
      return; // @NotNull names it
    }
    try {
      toSettings();
    } catch (IllegalArgumentException refused) {
      // Braces escaped: the message quotes {{target}}, which the validator would interpolate.
      violations.addViolation(
          String.valueOf(refused.getMessage()).replace("{", "\\{").replace("}", "\\}"));
    }
  }

  private static String or(String configured, String fallback) {
    return configured == null || configured.isBlank() ? fallback : configured;
  }
}
