package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * OIDC/JWT bearer tokens: a JWT is accepted when a key of the JWKS (from {@code jwksUrl} or {@code
 * jwksFile}) verifies its signature, its {@code iss} is {@code issuer}, its {@code aud} contains
 * {@code audience}, and it has not expired. Its role and services come from the named claims; its
 * identity from {@code sub}. Off while neither JWKS source is set.
 */
public class JwtConfiguration {

  /** The identity provider's JWKS endpoint, e.g. https://idp.example.com/.well-known/jwks.json. */
  private String jwksUrl;

  /** A JWKS on disk instead (keys rotated by replacing the file and restarting). */
  private String jwksFile;

  /** The required {@code iss}. */
  private String issuer;

  /** The required member of {@code aud}. */
  private String audience;

  /** The claim holding the role (viewer, releaser, operator, ingest or admin). */
  @NotBlank private String roleClaim = "waveguard_role";

  /**
   * The claim holding the services the caller may act on: an array of names, or one string of names
   * separated by commas or spaces. Absent: every service.
   */
  @NotBlank private String servicesClaim = "waveguard_services";

  /** Tolerated clock difference between this host and the identity provider. */
  @NotNull
  @MinDuration(value = 0, unit = TimeUnit.SECONDS)
  private Duration clockSkew = Duration.seconds(60);

  /** Whether JWTs are accepted at all. */
  @JsonIgnore
  public boolean isEnabled() {
    return jwksUrl != null || jwksFile != null;
  }

  @ValidationMethod(
      message =
          "auth.jwt: set one of jwksUrl or jwksFile, not both; issuer and audience are required"
              + " with either")
  @JsonIgnore
  public boolean isComplete() {
    if (!isEnabled()) {
      return true;
    }
    return (jwksUrl == null || jwksFile == null) && !isBlank(issuer) && !isBlank(audience);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @JsonProperty
  public String getJwksUrl() {
    return jwksUrl;
  }

  @JsonProperty
  public void setJwksUrl(String jwksUrl) {
    this.jwksUrl = emptyToNull(jwksUrl);
  }

  @JsonProperty
  public String getJwksFile() {
    return jwksFile;
  }

  @JsonProperty
  public void setJwksFile(String jwksFile) {
    this.jwksFile = emptyToNull(jwksFile);
  }

  @JsonProperty
  public String getIssuer() {
    return issuer;
  }

  @JsonProperty
  public void setIssuer(String issuer) {
    this.issuer = emptyToNull(issuer);
  }

  @JsonProperty
  public String getAudience() {
    return audience;
  }

  @JsonProperty
  public void setAudience(String audience) {
    this.audience = emptyToNull(audience);
  }

  @JsonProperty
  public String getRoleClaim() {
    return roleClaim;
  }

  @JsonProperty
  public void setRoleClaim(String roleClaim) {
    this.roleClaim = roleClaim;
  }

  @JsonProperty
  public String getServicesClaim() {
    return servicesClaim;
  }

  @JsonProperty
  public void setServicesClaim(String servicesClaim) {
    this.servicesClaim = servicesClaim;
  }

  @JsonProperty
  public Duration getClockSkew() {
    return clockSkew;
  }

  @JsonProperty
  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  /** {@code ${VAR:-}} in the YAML file leaves an empty string: the same as not set. */
  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
