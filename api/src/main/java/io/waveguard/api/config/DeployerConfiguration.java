package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Which deployer carries out waves: the simulated fleet, or a webhook that does real work. */
public class DeployerConfiguration {

  /** The kinds of deployer Waveguard ships. */
  public enum Type {
    /** Records deployments in PostgreSQL only: demos, tests and experiments. */
    SIMULATED,
    /** POSTs each target's deployment to an HTTP endpoint that does the real work. */
    WEBHOOK
  }

  @NotNull private Type type = Type.SIMULATED;

  /** Endpoint of the webhook deployer; required when type is webhook. */
  private URI url;

  /** Per-request timeout of the webhook deployer. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration timeout = Duration.seconds(10);

  @JsonProperty
  public Type getType() {
    return type;
  }

  @JsonProperty
  public void setType(Type type) {
    this.type = type;
  }

  @JsonProperty
  public URI getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(URI url) {
    this.url = url;
  }

  @JsonProperty
  public Duration getTimeout() {
    return timeout;
  }

  @JsonProperty
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @ValidationMethod(message = "url is required when type is webhook (an absolute http(s) URL)")
  public boolean isWebhookUrlPresent() {
    return type != Type.WEBHOOK
        || (url != null && url.isAbsolute() && url.getScheme().startsWith("http"));
  }
}
