package io.waveguard.api.resources;

import io.waveguard.api.api.CreateReleaseRequest;
import io.waveguard.api.api.PlanView;
import io.waveguard.api.core.DryRuns;
import io.waveguard.api.core.PolicyResolver;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Dry runs: the plan a release would follow, with a reason for every placement. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public final class PlanResource {

  /** Release ids are irrelevant to a dry run; the canary's seeded order uses this one. */
  static final String DRY_RUN_ID = "dry-run";

  private final DryRuns dryRuns;
  private final PolicyResolver policies;

  public PlanResource(DryRuns dryRuns, PolicyResolver policies) {
    this.dryRuns = dryRuns;
    this.policies = policies;
  }

  /** Takes the same body as POST /api/v1/releases; answers 200 with the plan, starts nothing. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public PlanView plan(@NotNull @Valid CreateReleaseRequest request) {
    String id = request.releaseId() != null ? request.releaseId() : DRY_RUN_ID;
    return dryRuns.plan(request.toSpec(id, null, policies.resolve(request.policy())));
  }
}
