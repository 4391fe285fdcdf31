package io.waveguard.api.auth;

import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.waveguard.api.config.AuthConfiguration;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Puts every {@code /api/v1} call that carries {@code @RolesAllowed} behind a bearer token, and
 * enforces those roles. Calls without it (the OpenAPI document) stay public.
 */
public final class ApiAuthentication {

  private ApiAuthentication() {}

  /**
   * Registers the bearer filter and the role check. A validated token is remembered for {@code
   * auth.cacheTtl}, which so bounds how late a revocation takes effect; an expiry is checked on
   * every call regardless.
   */
  public static void register(
      JerseyEnvironment jersey,
      AuthConfiguration config,
      Jdbi jdbi,
      MetricRegistry metrics,
      Clock clock) {
    ApiTokens tokens = new ApiTokens(jdbi, clock);
    JwtAuthenticator jwt =
        config.getJwt().isEnabled() ? new JwtAuthenticator(config.getJwt()) : null;
    Authenticator<String, Caller> authenticator = new BearerAuthenticator(tokens, jwt);
    Duration ttl = Duration.ofMillis(config.getCacheTtl().toMilliseconds());
    if (!ttl.isZero()) {
      Authenticator<String, Caller> cached =
          new CachingAuthenticator<>(
              metrics,
              authenticator,
              Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000),
              false);
      // A remembered caller still expires on time.
      authenticator = token -> cached.authenticate(token).filter(c -> c.isValidAt(clock.instant()));
    }
    jersey.register(
        new AuthDynamicFeature(
            new BearerAuthFilter(
                authenticator,
                (caller, role, request) ->
                    Role.fromWireName(role).map(caller.role()::includes).orElse(false))));
    jersey.register(new RoleCheck());
  }
}
