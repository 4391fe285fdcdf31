package io.waveguard.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.ReleaseRow;
import io.waveguard.api.auth.Caller;
import io.waveguard.api.auth.Role;
import io.waveguard.api.auth.ServiceScope;
import io.waveguard.api.core.CommandResult;
import io.waveguard.api.core.OperatorCommands;
import io.waveguard.api.core.PolicyResolver;
import io.waveguard.api.core.ReleaseService;
import io.waveguard.api.core.TargetHoldCheck;
import io.waveguard.api.core.TargetSelection;
import io.waveguard.api.dto.AuditLog;
import io.waveguard.api.dto.CommandQueued;
import io.waveguard.api.dto.CreateReleaseRequest;
import io.waveguard.api.dto.ErrorResponse;
import io.waveguard.api.dto.OperatorCommandRequest;
import io.waveguard.api.dto.PolicyView;
import io.waveguard.api.dto.ReleaseIds;
import io.waveguard.api.dto.ReleaseList;
import io.waveguard.api.dto.ReleaseSummary;
import io.waveguard.api.dto.ReleaseView;
import io.waveguard.api.errors.ApiException;
import io.waveguard.api.errors.ReleaseNotFoundException;
import io.waveguard.api.pages.AuditCursor;
import io.waveguard.api.pages.Page;
import io.waveguard.api.pages.ReleaseCursor;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.release.ReleaseState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Releases: start one, list them, read one's live state and audit log, command it. */
@Path("/api/v1/releases")
@ApiResponse(
    responseCode = "default",
    description =
        "an error: 400 invalid input, 401 no valid bearer token, 403 role or service scope"
            + " does not allow the call, 404 unknown release, 409 conflict or invalid"
            + " transition, 413 body too large, 415 not JSON, 403 or 503 Temporal or PostgreSQL"
            + " failing",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorResponse.class)))
@Produces(MediaType.APPLICATION_JSON)
public final class ReleaseResource {

  /** Page sizes of both listings: a response stays small however many rows there are. */
  private static final int PAGE_DEFAULT = 50;

  private static final int PAGE_MAX = 500;

  private final ReleaseService releases;
  private final OperatorCommands commands;
  private final ReleaseDao releaseRows;
  private final AuditDao audit;
  private final PolicyResolver policies;
  private final TargetSelection targets;
  private final TargetHoldCheck holds;

  public ReleaseResource(
      ReleaseService releases,
      OperatorCommands commands,
      ReleaseDao releaseRows,
      AuditDao audit,
      PolicyResolver policies,
      TargetSelection targets,
      TargetHoldCheck holds) {
    this.targets = targets;
    this.holds = holds;
    this.releases = releases;
    this.commands = commands;
    this.releaseRows = releaseRows;
    this.audit = audit;
    this.policies = policies;
  }

  /**
   * Starts a release with its policy resolved now, on the server's current defaults; repeating the
   * call with the same releaseId and body answers the same release.
   */
  @Operation(
      summary = "Start a release; repeating the same body answers the same release",
      responses =
          @ApiResponse(
              responseCode = "202",
              description = "started, or the release this releaseId already names",
              headers =
                  @Header(
                      name = "Location",
                      description = "the release's URI",
                      schema = @Schema(type = "string")),
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ReleaseView.class))))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.RELEASER)
  public Response start(
      @Context SecurityContext security, @NotNull @Valid CreateReleaseRequest request) {
    Caller caller = ServiceScope.require(security, request.service().strip());
    String id = request.releaseId() != null ? request.releaseId() : ReleaseIds.generate();
    // Resolved before anything is started, so input it refuses leaves no trace.
    ReleaseSpec spec = request.toSpec(id, caller.name(), policies.resolve(request.policy()));
    refuseUnplannable(spec);
    ReleaseState state = releases.start(spec);
    return Response.accepted(new ReleaseView(state, PolicyView.of(spec.policy())))
        .location(location(id))
        .build();
  }

  /**
   * Refuses a release that can only fail in planning (no targets, too many waves, targets another
   * running release holds). A repeat of one already started answers that release, whatever its
   * targets became since: whether it exists is asked only of a start the checks refuse, so a first
   * start pays for no lookup of a release that is not there.
   */
  private void refuseUnplannable(ReleaseSpec spec) {
    try {
      holds.refuseHeld(spec, targets.selectForStart(spec));
    } catch (ApiException refused) {
      if (!releases.exists(spec.releaseId())) {
        throw refused;
      }
    }
  }

  /** One page, newest first; {@code cursor} is the previous page's nextCursor. */
  @Operation(
      summary = "Releases, newest first, a page at a time",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "a page of releases",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ReleaseList.class))))
  @GET
  @RolesAllowed(Role.Names.VIEWER)
  public ReleaseList list(
      @QueryParam("service") String service,
      @Parameter(allowEmptyValue = true, schema = @Schema(implementation = ReleaseStatus.class))
          @QueryParam("status")
          String status,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(
              allowEmptyValue = true,
              schema = @Schema(type = "string", description = "the previous page's nextCursor"))
          @QueryParam("cursor")
          String cursor) {
    int pageSize = QueryParams.intParam("limit", limit, PAGE_DEFAULT, 1, PAGE_MAX);
    ReleaseCursor after = ReleaseCursor.parse(cursor);
    List<ReleaseRow> rows =
        releaseRows.list(
            QueryParams.optional(service),
            status(status),
            after == null ? null : after.createdAtUtc(),
            after == null ? null : after.releaseId(),
            pageSize + 1);
    Page<ReleaseRow> page = Page.of(rows, pageSize, row -> ReleaseCursor.after(row).encode());
    return new ReleaseList(
        page.items().stream().map(ReleaseSummary::of).toList(), page.nextCursor());
  }

  @Operation(
      summary = "A release's live state and effective policy",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the release",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ReleaseView.class))))
  @GET
  @Path("/{releaseId}")
  @RolesAllowed(Role.Names.VIEWER)
  public ReleaseView get(@PathParam("releaseId") String releaseId) {
    return releases.view(known(releaseId));
  }

  /** One page of the audit log, oldest first; {@code cursor} is the previous nextCursor. */
  @Operation(
      summary = "A release's operator commands, accepted or not, oldest first, a page at a time",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "a page of the audit log",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = AuditLog.class))))
  @GET
  @Path("/{releaseId}/audit")
  @RolesAllowed(Role.Names.VIEWER)
  public AuditLog audit(
      @PathParam("releaseId") String releaseId,
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(
              allowEmptyValue = true,
              schema = @Schema(type = "string", description = "the previous page's nextCursor"))
          @QueryParam("cursor")
          String cursor) {
    if (!releases.exists(known(releaseId))) {
      throw new ReleaseNotFoundException(releaseId);
    }
    int pageSize = QueryParams.intParam("limit", limit, PAGE_DEFAULT, 1, PAGE_MAX);
    AuditCursor after = AuditCursor.parse(cursor);
    Page<AuditEntry> page =
        Page.of(
            audit.page(releaseId, after.afterId(), pageSize + 1),
            pageSize,
            entry -> AuditCursor.after(entry).encode());
    return new AuditLog(releaseId, page.items(), page.nextCursor());
  }

  /**
   * Pause, resume, approve, abort or retry-rollback. 200 with the new state; 409 when the release
   * refuses the transition (also audited); 202 when no worker accepted it in time (queued; an abort
   * is also sent as a signal).
   */
  @Operation(
      summary = "Pause, resume, approve, abort or retry the rollback of a release",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "applied: the release's new state",
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReleaseState.class))),
        @ApiResponse(
            responseCode = "202",
            description = "no worker accepted it in time: queued",
            headers =
                @Header(
                    name = "Location",
                    description = "the release's URI",
                    schema = @Schema(type = "string")),
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CommandQueued.class)))
      })
  @POST
  @Path("/{releaseId}/{action: pause|resume|approve|abort|retry-rollback}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.OPERATOR)
  public Response command(
      @Context SecurityContext security,
      @PathParam("releaseId") String releaseId,
      @Parameter(
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"pause", "resume", "approve", "abort", "retry-rollback"}))
          @PathParam("action")
          String action,
      @NotNull @Valid OperatorCommandRequest request) {
    OperatorAction operatorAction = OperatorAction.fromWireName(action);
    Caller caller = ServiceScope.caller(security);
    if (caller.services() != null) {
      // A release this caller may not see the service of is not found either way.
      ServiceScope.require(
          security,
          releases
              .serviceOf(known(releaseId))
              .orElseThrow(() -> new ReleaseNotFoundException(releaseId)));
    }
    // The operator is who the token says; a name in the body is only a display note.
    CommandResult result =
        commands.apply(known(releaseId), operatorAction, request.toCommand(caller.name()));
    return switch (result.outcome()) {
      case ACCEPTED -> Response.ok(result.state()).build();
      case REJECTED -> throw new ApiException(409, "invalid_transition", null, result.detail());
      case QUEUED ->
          Response.accepted(
                  new CommandQueued(releaseId, action, result.outcome().name(), result.detail()))
              .location(location(releaseId))
              .build();
    };
  }

  /** An id that cannot exist is simply not found; checking first keeps it out of Temporal. */
  private static String known(String releaseId) {
    if (!ReleaseIds.isValid(releaseId)) {
      throw new ReleaseNotFoundException(releaseId);
    }
    return releaseId;
  }

  private static String status(String raw) {
    String status = QueryParams.optional(raw);
    if (status == null) {
      return null;
    }
    String upper = status.toUpperCase(Locale.ROOT).replace('-', '_');
    if (Arrays.stream(ReleaseStatus.values()).noneMatch(s -> s.name().equals(upper))) {
      throw ApiException.invalidField(
          "status",
          "unknown status '%s'; expected one of %s"
              .formatted(status, Arrays.toString(ReleaseStatus.values())));
    }
    return upper;
  }

  private static URI location(String releaseId) {
    return UriBuilder.fromPath("/api/v1/releases/{id}").build(releaseId);
  }
}
