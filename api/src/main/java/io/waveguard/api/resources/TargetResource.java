package io.waveguard.api.resources;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.api.TargetList;
import io.waveguard.api.api.TargetRequest;
import io.waveguard.api.api.TargetView;
import io.waveguard.api.errors.ApiException;
import io.waveguard.workflows.model.Target;
import io.waveguard.workflows.model.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The fleet: deployment targets, created and replaced with PUT. */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public final class TargetResource {

  private static final Pattern TARGET_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final TargetDao targets;

  public TargetResource(TargetDao targets) {
    this.targets = targets;
  }

  /** Creates (201) or replaces (200) a target. */
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("id") String id, @NotNull @Valid TargetRequest request) {
    if (!TARGET_ID.matcher(id).matches()) {
      throw ApiException.invalidField(
          "id", "target id must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
    }
    Target target = request.toTarget(id);
    boolean created = targets.find(id).isEmpty();
    targets.upsert(target);
    TargetView view = TargetView.of(target);
    return created
        ? Response.created(UriBuilder.fromPath("/api/v1/targets/{id}").build(id))
            .entity(view)
            .build()
        : Response.ok(view).build();
  }

  @GET
  @Path("/{id}")
  public TargetView get(@PathParam("id") String id) {
    return targets
        .find(id)
        .map(TargetView::of)
        .orElseThrow(() -> ApiException.notFound("target '" + id + "' not found"));
  }

  @GET
  public TargetList list(
      @QueryParam("service") String service,
      @QueryParam("tier") String tier,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    int pageSize = QueryParams.intParam("limit", limit, 100, 1, 1000);
    int skip = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    return new TargetList(
        targets.list(QueryParams.optional(service), tier(tier), pageSize, skip).stream()
            .map(TargetView::of)
            .toList(),
        pageSize,
        skip);
  }

  private static String tier(String raw) {
    String tier = QueryParams.optional(raw);
    if (tier == null) {
      return null;
    }
    return Tier.fromWireName(tier)
        .map(Tier::wireName)
        .orElseThrow(
            () ->
                ApiException.invalidField(
                    "tier",
                    "unknown tier '%s'; expected one of %s"
                        .formatted(
                            tier, Arrays.stream(Tier.values()).map(Tier::wireName).toList())));
  }
}
