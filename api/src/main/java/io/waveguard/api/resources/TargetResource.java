package io.waveguard.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.db.TrustSnapshotRow;
import io.waveguard.api.auth.Role;
import io.waveguard.api.dto.ErrorResponse;
import io.waveguard.api.dto.TargetList;
import io.waveguard.api.dto.TargetRequest;
import io.waveguard.api.dto.TargetView;
import io.waveguard.api.dto.TrustHistory;
import io.waveguard.api.dto.TrustSnapshotView;
import io.waveguard.api.dto.TrustSummary;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The fleet: deployment targets (created and replaced with PUT) and their trust. */
@Path("/api/v1/targets")
@ApiResponse(
    responseCode = "default",
    description =
        "an error: 400 invalid input, 401 no valid bearer token, 403 role does not allow the"
            + " call, 404 unknown target, 413 body too large, 415 not"
            + " JSON, 503 PostgreSQL failing",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorResponse.class)))
@Produces(MediaType.APPLICATION_JSON)
public final class TargetResource {

  /** Not only dots: a path segment "." or ".." is resolved away before it reaches the server. */
  static final String TARGET_ID_PATTERN = "^[A-Za-z0-9._:-]*[A-Za-z0-9_:-][A-Za-z0-9._:-]*$";

  private static final Pattern TARGET_ID = Pattern.compile(TARGET_ID_PATTERN);

  private static final List<String> SORTS = List.of("id", "trust", "risk");

  private final TargetDao targets;
  private final TrustDao trust;

  public TargetResource(TargetDao targets, TrustDao trust) {
    this.targets = targets;
    this.trust = trust;
  }

  /** Creates (201) or replaces (200) a target. */
  @Operation(
      summary = "Create or replace a target",
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "created",
            headers =
                @Header(
                    name = "Location",
                    description = "the target's URI",
                    schema = @Schema(type = "string")),
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TargetView.class))),
        @ApiResponse(
            responseCode = "200",
            description = "replaced",
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TargetView.class)))
      })
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.ADMIN)
  public Response put(
      @Parameter(schema = @Schema(type = "string", pattern = TARGET_ID_PATTERN, maxLength = 128))
          @PathParam("id")
          String id,
      @NotNull @Valid TargetRequest request) {
    if (id.length() > 128 || !TARGET_ID.matcher(id).matches()) {
      throw ApiException.invalidField(
          "id", "target id must be 1 to 128 letters, digits, '.', '_', ':' or '-', not only dots");
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

  @Operation(
      summary = "A target with its latest trust",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the target",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = TargetView.class))))
  @GET
  @Path("/{id}")
  @RolesAllowed(Role.Names.VIEWER)
  public TargetView get(@PathParam("id") String id) {
    Target target = find(id);
    return views(List.of(target)).get(0);
  }

  /** The target's trust computations, newest first, with the outcomes they rest on. */
  @Operation(
      summary = "A target's trust computations, newest first, with the outcomes behind them",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the trust history",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = TrustHistory.class))))
  @GET
  @Path("/{id}/trust")
  @RolesAllowed(Role.Names.VIEWER)
  public TrustHistory trust(
      @PathParam("id") String id,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "50"))
          @QueryParam("limit")
          String limit) {
    find(id);
    int pageSize = QueryParams.intParam("limit", limit, 50, 1, 1000);
    return new TrustHistory(
        id,
        trust.history(id, pageSize).stream().map(TrustSnapshotView::of).toList(),
        trust.outcomes(id, pageSize));
  }

  @Operation(
      summary = "Targets, by id, least trust or highest risk first",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "a page of targets",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = TargetList.class))))
  @GET
  @RolesAllowed(Role.Names.VIEWER)
  public TargetList list(
      @QueryParam("service") String service,
      @Parameter(allowEmptyValue = true, schema = @Schema(implementation = Tier.class))
          @QueryParam("tier")
          String tier,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"id", "trust", "risk"},
                      defaultValue = "id"))
          @QueryParam("sort")
          String sort,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
          @QueryParam("limit")
          String limit,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(
                      type = "integer",
                      minimum = "0",
                      maximum = "2147483647",
                      defaultValue = "0"))
          @QueryParam("offset")
          String offset) {
    int pageSize = QueryParams.intParam("limit", limit, 100, 1, 1000);
    int skip = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    String order = sort(sort);
    List<Target> page =
        targets.listSorted(QueryParams.optional(service), tier(tier), order, pageSize, skip);
    return new TargetList(views(page), order, pageSize, skip);
  }

  private Target find(String id) {
    return targets
        .find(id)
        .orElseThrow(() -> ApiException.notFound("target '" + id + "' not found"));
  }

  /** The targets with their latest trust, in the given order. */
  private List<TargetView> views(List<Target> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<String, TrustSummary> latest =
        trust.latest(page.stream().map(Target::id).toArray(String[]::new)).stream()
            .collect(Collectors.toMap(TrustSnapshotRow::targetId, TrustSummary::of));
    return page.stream().map(t -> TargetView.of(t, latest.get(t.id()))).toList();
  }

  private static String sort(String raw) {
    String sort = QueryParams.optional(raw);
    if (sort == null) {
      return "id";
    }
    if (!SORTS.contains(sort)) {
      throw ApiException.invalidField(
          "sort", "unknown sort '%s'; expected one of %s".formatted(sort, SORTS));
    }
    return sort;
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
