package io.waveguard.api.auth;

import io.waveguard.api.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed} after authentication: a caller none of whose roles is listed gets
 * 403 in the JSON error body, before the body is read, so nothing is done or audited.
 */
final class RoleCheck implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    if (allowed != null) {
      context.register(new Filter(List.of(allowed.value())));
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  private record Filter(List<String> roles) implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      var security = request.getSecurityContext();
      if (roles.stream().anyMatch(security::isUserInRole)) {
        return;
      }
      String who =
          security.getUserPrincipal() instanceof Caller caller
              ? "%s (role %s)".formatted(caller.name(), caller.role().wireName())
              : "this caller";
      throw new ApiException(
          403,
          "forbidden",
          null,
          "%s may not %s /%s; that needs role %s"
              .formatted(
                  who,
                  request.getMethod(),
                  request.getUriInfo().getPath(),
                  String.join(" or ", withAdmin(roles))));
    }

    private static List<String> withAdmin(List<String> roles) {
      List<String> all = new ArrayList<>(roles);
      if (!all.contains(Role.Names.ADMIN)) {
        all.add(Role.Names.ADMIN);
      }
      return all;
    }
  }
}
