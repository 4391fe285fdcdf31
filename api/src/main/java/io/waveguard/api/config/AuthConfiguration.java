package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Who may call /api/v1: API tokens issued with {@code waveguard token create} (always), and
 * optionally OIDC/JWT bearer tokens signed by a key of a configured JWKS.
 */
public class AuthConfiguration {

  /**
   * How long a validated token is remembered. A revocation, or a token's expiry, takes effect on
   * every API process within this time; zero checks PostgreSQL (or the JWT) on every request.
   */
  @NotNull
  @MinDuration(value = 0, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
  private Duration cacheTtl = Duration.seconds(10);

  /** OIDC/JWT bearer tokens; off unless a JWKS is configured. */
  @Valid @NotNull private JwtConfiguration jwt = new JwtConfiguration();

  @JsonProperty
  public Duration getCacheTtl() {
    return cacheTtl;
  }

  @JsonProperty
  public void setCacheTtl(Duration cacheTtl) {
    this.cacheTtl = cacheTtl;
  }

  @JsonProperty
  public JwtConfiguration getJwt() {
    return jwt;
  }

  @JsonProperty
  public void setJwt(JwtConfiguration jwt) {
    this.jwt = jwt;
  }
}
