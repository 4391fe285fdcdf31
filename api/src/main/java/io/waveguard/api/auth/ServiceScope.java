package io.waveguard.api.auth;

import io.waveguard.api.errors.ApiException;
import jakarta.ws.rs.core.SecurityContext;

/** A caller scoped to some services may act only on those: anything else is 403. */
public final class ServiceScope {

  private ServiceScope() {}

  /** The authenticated caller of this request. */
  public static Caller caller(SecurityContext security) {
    if (security != null && security.getUserPrincipal() instanceof Caller caller) {
      return caller;
    }
    // Every resource method that asks is behind the bearer filter; reaching here is a wiring bug.
    throw new IllegalStateException("no authenticated caller on a protected call");
  }

  /**
   * @throws ApiException 403 when the caller's scope does not cover {@code service}
   */
  public static Caller require(SecurityContext security, String service) {
    Caller caller = caller(security);
    if (!caller.mayActOn(service)) {
      throw new ApiException(
          403,
          "forbidden",
          "service",
          "%s may act on services %s only, not '%s'"
              .formatted(caller.name(), caller.services().stream().sorted().toList(), service));
    }
    return caller;
  }
}
