package io.waveguard.api.observability;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Names the matched resource's route template ({@code /api/v1/releases/{releaseId}}) for the
 * request's span and latency metric: a raw path would put release ids into metric labels. Runs
 * after matching, so an unmatched request has none. Jersey keeps request properties as servlet
 * request attributes, where {@link HttpServerTracing} reads it.
 */
final class RouteTemplates implements ContainerRequestFilter {

  static final String ROUTE = "waveguard.http.route";

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
      return;
    }
    List<UriTemplate> templates = info.getMatchedTemplates();
    if (templates.isEmpty()) {
      return;
    }
    StringBuilder route = new StringBuilder();
    // Innermost first: the method's template, then its resource class's.
    for (int i = templates.size() - 1; i >= 0; i--) {
      String part = templates.get(i).getTemplate();
      if (part.isEmpty() || "/".equals(part)) {
        continue;
      }
      if (!part.startsWith("/")) {
        route.append('/');
      }
      route.append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
    }
    request.setProperty(ROUTE, route.isEmpty() ? "/" : route.toString());
  }
}
