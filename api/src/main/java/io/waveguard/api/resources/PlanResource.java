package io.waveguard.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.waveguard.api.auth.Caller;
import io.waveguard.api.auth.Role;
import io.waveguard.api.auth.ServiceScope;
import io.waveguard.api.core.DryRuns;
import io.waveguard.api.core.PolicyResolver;
import io.waveguard.api.dto.CreateReleaseRequest;
import io.waveguard.api.dto.ErrorResponse;
import io.waveguard.api.dto.PlanView;
import io.waveguard.api.pages.DryRunPages;
import io.waveguard.api.pages.PlanCursor;
import io.waveguard.policy.model.ReleaseSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Dry runs: the plan a release would follow, with a reason for every placement. */
@Path("/api/v1/plans")
@ApiResponse(
    responseCode = "default",
    description =
        "an error: 400 invalid input, 401 no valid bearer token, 403 role or service scope does"
            + " not allow the call, 413 body too large, 415 not JSON, 503 PostgreSQL failing",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorResponse.class)))
@Produces(MediaType.APPLICATION_JSON)
public final class PlanResource {

  /** Release ids are irrelevant to a dry run; the canary's seeded order uses this one. */
  static final String DRY_RUN_ID = "dry-run";

  /**
   * Placements per page. A placement is about 300 bytes of JSON, so the largest page stays near 300
   * KB while a fleet of a few hundred targets still fits on the first.
   */
  private static final int PLACEMENTS_DEFAULT = 500;

  private static final int PLACEMENTS_MAX = 1000;

  private final DryRuns dryRuns;
  private final PolicyResolver policies;

  public PlanResource(DryRuns dryRuns, PolicyResolver policies) {
    this.dryRuns = dryRuns;
    this.policies = policies;
  }

  /**
   * Takes the same body as POST /api/v1/releases; answers 200 with the plan, starts nothing. Every
   * wave comes on every page; the placements come {@code limit} at a time, {@code cursor} being the
   * previous page's nextCursor.
   */
  @Operation(
      summary = "Dry run: the plan a release with this body would follow; starts nothing",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the plan, its placements a page at a time",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = PlanView.class))))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.RELEASER)
  public PlanView plan(
      @Context SecurityContext security,
      @NotNull @Valid CreateReleaseRequest request,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(
              allowEmptyValue = true,
              schema = @Schema(type = "string", description = "the previous page's nextCursor"))
          @QueryParam("cursor")
          String cursor) {
    int pageSize = QueryParams.intParam("limit", limit, PLACEMENTS_DEFAULT, 1, PLACEMENTS_MAX);
    PlanCursor from = PlanCursor.parse(cursor);
    String id = request.releaseId() != null ? request.releaseId() : DRY_RUN_ID;
    Caller caller = ServiceScope.require(security, request.service().strip());
    ReleaseSpec spec = request.toSpec(id, caller.name(), policies.resolve(request.policy()));
    // Later pages re-plan as of the first page's instant, so they continue the same plan.
    PlanView plan = from == null ? dryRuns.plan(spec) : dryRuns.plan(spec, from.plannedAt());
    return DryRunPages.page(plan, from, pageSize);
  }
}
