package io.waveguard.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses query strings no resource can answer sensibly, with a 400 naming the parameter: a NUL
 * character (%00), which PostgreSQL cannot store or compare (Jetty already refuses one in the
 * path), and a parameter given twice, of which a resource would silently read only the first.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER - 200)
public final class QueryStringFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      String name = parameter.getKey();
      if (name.indexOf('\0') >= 0) {
        throw ApiException.invalidField(
            null, "query parameter names must not contain NUL characters (%00)");
      }
      if (parameter.getValue().size() > 1) {
        throw ApiException.invalidField(name, name + " must be given at most once");
      }
      if (parameter.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
        throw ApiException.invalidField(name, name + " must not contain NUL characters (%00)");
      }
    }
  }
}
