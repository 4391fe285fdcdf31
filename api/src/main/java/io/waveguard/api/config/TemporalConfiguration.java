package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Where the Temporal cluster is and how to reach it: a dev server on localhost by default, any
 * cluster or Temporal Cloud with TLS client certificates or an API key.
 */
public class TemporalConfiguration {

  /** gRPC endpoint, host:port. */
  @NotBlank private String target = "localhost:7233";

  @NotBlank private String namespace = "default";

  /** Task queue of release workflows and their activities; API and workers must agree on it. */
  @NotBlank private String taskQueue = "waveguard-releases";

  /** PEM client certificate for mTLS (Temporal Cloud); null for plaintext. */
  private String tlsCertPath;

  /** PKCS#8 PEM private key matching {@link #tlsCertPath}. */
  private String tlsKeyPath;

  /** Temporal Cloud API key; implies TLS. Never put it in the file: use ${TEMPORAL_API_KEY}. */
  private String apiKey;

  /**
   * Registers Waveguard's custom search attributes on start, ignoring those that exist. Turn off
   * where the client may not call the operator API (Temporal Cloud: register them with tcld).
   */
  private boolean registerSearchAttributes = true;

  /**
   * How long the API waits for a worker to answer a state query before it serves the read model.
   */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration queryTimeout = Duration.seconds(5);

  /**
   * How long an operator command waits for a worker to accept its Update; past that the API answers
   * 202 QUEUED (an abort is also sent as a signal the release applies when a worker runs).
   */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration commandAcceptTimeout = Duration.seconds(5);

  @JsonProperty
  public String getTarget() {
    return target;
  }

  @JsonProperty
  public void setTarget(String target) {
    this.target = target;
  }

  @JsonProperty
  public String getNamespace() {
    return namespace;
  }

  @JsonProperty
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  @JsonProperty
  public String getTaskQueue() {
    return taskQueue;
  }

  @JsonProperty
  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  @JsonProperty
  public String getTlsCertPath() {
    return tlsCertPath;
  }

  @JsonProperty
  public void setTlsCertPath(String tlsCertPath) {
    this.tlsCertPath = blankToNull(tlsCertPath);
  }

  @JsonProperty
  public String getTlsKeyPath() {
    return tlsKeyPath;
  }

  @JsonProperty
  public void setTlsKeyPath(String tlsKeyPath) {
    this.tlsKeyPath = blankToNull(tlsKeyPath);
  }

  @JsonProperty
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty
  public void setApiKey(String apiKey) {
    this.apiKey = blankToNull(apiKey);
  }

  @JsonProperty
  public boolean isRegisterSearchAttributes() {
    return registerSearchAttributes;
  }

  @JsonProperty
  public void setRegisterSearchAttributes(boolean registerSearchAttributes) {
    this.registerSearchAttributes = registerSearchAttributes;
  }

  @JsonProperty
  public Duration getQueryTimeout() {
    return queryTimeout;
  }

  @JsonProperty
  public void setQueryTimeout(Duration queryTimeout) {
    this.queryTimeout = queryTimeout;
  }

  @JsonProperty
  public Duration getCommandAcceptTimeout() {
    return commandAcceptTimeout;
  }

  @JsonProperty
  public void setCommandAcceptTimeout(Duration commandAcceptTimeout) {
    this.commandAcceptTimeout = commandAcceptTimeout;
  }

  public boolean usesMutualTls() {
    return tlsCertPath != null;
  }

  @ValidationMethod(message = "tlsCertPath and tlsKeyPath must be set together")
  public boolean isTlsPairComplete() {
    return (tlsCertPath == null) == (tlsKeyPath == null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
