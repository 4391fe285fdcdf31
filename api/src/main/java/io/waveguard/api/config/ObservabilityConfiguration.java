package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Traces and metrics. Spans are always made (log lines carry their trace id, outbound calls their
 * {@code traceparent}); they leave the process only over OTLP, when an endpoint is configured.
 * Metrics are always scraped from the admin port's {@code /prometheus}, and pushed over OTLP too
 * when it is configured.
 */
public class ObservabilityConfiguration {

  /** The {@code service.name} resource attribute of every span and pushed metric. */
  @NotBlank private String serviceName = "waveguard";

  @Valid @NotNull private Otlp otlp = new Otlp();

  /** Exporters given in code (embedded runs, tests), beside OTLP; never read from YAML. */
  @JsonIgnore private final List<SpanExporter> spanExporters = new ArrayList<>();

  /** OTLP over HTTP/protobuf; off while the endpoint is empty, so nothing calls out by default. */
  public static class Otlp {

    /**
     * The collector's base URL, e.g. {@code http://127.0.0.1:4318}: spans go to {@code /v1/traces},
     * metrics to {@code /v1/metrics}. Empty: no export.
     */
    @NotNull
    @Pattern(regexp = "^$|^https?://\\S+$", message = "must be empty or an http(s) URL")
    private String endpoint = "";

    /** Headers on every export request (a vendor's API key, for instance). */
    @NotNull private Map<String, String> headers = new LinkedHashMap<>();

    /** How often the metrics are pushed (the same meters {@code /prometheus} serves). */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration metricsInterval = Duration.seconds(60);

    /** How long one export may take before it is given up (the data of that export is lost). */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration timeout = Duration.seconds(10);

    @JsonIgnore
    public boolean isEnabled() {
      return !endpoint.isEmpty();
    }

    @JsonProperty
    public String getEndpoint() {
      return endpoint;
    }

    @JsonProperty
    public void setEndpoint(String endpoint) {
      this.endpoint = endpoint == null ? "" : endpoint.strip();
    }

    @JsonProperty
    public Map<String, String> getHeaders() {
      return headers;
    }

    @JsonProperty
    public void setHeaders(Map<String, String> headers) {
      this.headers = headers;
    }

    @JsonProperty
    public Duration getMetricsInterval() {
      return metricsInterval;
    }

    @JsonProperty
    public void setMetricsInterval(Duration metricsInterval) {
      this.metricsInterval = metricsInterval;
    }

    @JsonProperty
    public Duration getTimeout() {
      return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  @JsonProperty
  public String getServiceName() {
    return serviceName;
  }

  @JsonProperty
  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  @JsonProperty
  public Otlp getOtlp() {
    return otlp;
  }

  @JsonProperty
  public void setOtlp(Otlp otlp) {
    this.otlp = otlp;
  }

  /** Also sends every span to {@code exporter} (embedded runs and tests). */
  public ObservabilityConfiguration addSpanExporter(SpanExporter exporter) {
    spanExporters.add(exporter);
    return this;
  }

  @JsonIgnore
  public List<SpanExporter> getSpanExporters() {
    return List.copyOf(spanExporters);
  }
}
