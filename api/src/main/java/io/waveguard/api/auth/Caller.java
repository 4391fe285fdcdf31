package io.waveguard.api.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * Who makes an API call, as its bearer token says: the identity recorded as the operator of its
 * commands, its role, and the services it may act on.
 *
 * @param name the token's name, or the JWT's subject
 * @param services the services it may start releases of and command; null for every service
 * @param expiresAt when the token stops being valid; null for never
 * @param source "token" (issued by {@code waveguard token create}) or "jwt"
 */
public record Caller(String name, Role role, Set<String> services, Instant expiresAt, String source)
    implements Principal {

  public Caller {
    services = services == null ? null : Set.copyOf(services);
  }

  @Override
  public String getName() {
    return name;
  }

  /** Whether the caller's scope covers this service. */
  public boolean mayActOn(String service) {
    return services == null || services.contains(service);
  }

  /** Whether the credential is still valid at {@code now}. */
  public boolean isValidAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
