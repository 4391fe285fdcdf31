package io.waveguard.api.resources;

import io.dropwizard.jersey.validation.Validators;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.api.auth.Role;
import io.waveguard.api.dto.ErrorResponse;
import io.waveguard.api.dto.TelemetryAccepted;
import io.waveguard.api.dto.TelemetryBatchRequest;
import io.waveguard.api.dto.TelemetrySampleRequest;
import io.waveguard.api.errors.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Push ingestion of telemetry samples, for the gates of releases that use the push source. */
@Path("/api/v1/telemetry")
@ApiResponse(
    responseCode = "default",
    description =
        "an error: 400 invalid input, 401 no valid bearer token, 403 role does not allow the"
            + " call, 422 a sample names no target, 413 body too large,"
            + " 415 not JSON, 503 PostgreSQL failing",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorResponse.class)))
@Produces(MediaType.APPLICATION_JSON)
public final class TelemetryResource {

  /** The earliest instant PostgreSQL stores: 4713 BC. */
  static final Instant EARLIEST = Instant.parse("-4712-11-24T00:00:00Z");

  /** Past the last instant stored: microseconds since 1970 in a signed 64-bit integer. */
  static final Instant END = Instant.parse("+294247-01-01T00:00:00Z");

  private final TelemetryDao telemetry;
  private final TargetDao targets;
  private final Validator validator;

  public TelemetryResource(TelemetryDao telemetry, TargetDao targets) {
    this(telemetry, targets, Validators.newValidator());
  }

  /**
   * @param validator checks a batch the plain checks could not pass (Jersey's, as configured)
   */
  public TelemetryResource(TelemetryDao telemetry, TargetDao targets, Validator validator) {
    this.telemetry = telemetry;
    this.targets = targets;
    this.validator = validator;
  }

  /**
   * Stores a batch; all or nothing. A window sent again replaces the earlier copy, so agents may
   * retry. The body's constraints are Bean Validation's (the DTOs' annotations), but a batch whose
   * every value plainly passes them skips the validator: it costs more per sample than storing.
   */
  @Operation(
      summary = "Store a batch of telemetry samples, all or nothing",
      responses =
          @ApiResponse(
              responseCode = "202",
              description = "stored",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = TelemetryAccepted.class))))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.INGEST)
  public Response ingest(@NotNull TelemetryBatchRequest batch) {
    if (!batch.plainlyValid()) {
      Set<ConstraintViolation<TelemetryBatchRequest>> violations = validator.validate(batch);
      if (!violations.isEmpty()) {
        throw new ConstraintViolationException(violations);
      }
    }
    List<TelemetrySampleRequest> samples = batch.samples();
    for (int i = 0; i < samples.size(); i++) {
      checkConsistent(i, samples.get(i));
    }
    rejectUnknownTargets(samples);
    telemetry.upsert(samples.stream().map(TelemetrySampleRequest::toSample).toList());
    return Response.accepted(new TelemetryAccepted(samples.size())).build();
  }

  private static void checkConsistent(int i, TelemetrySampleRequest sample) {
    if (sample.errors() > sample.requests()) {
      throw ApiException.invalidField(
          "samples[%d].errors".formatted(i),
          "samples[%d].errors must not exceed requests (%d)".formatted(i, sample.requests()));
    }
    storable(i, "windowStart", sample.windowStart());
    storable(i, "windowEnd", sample.windowEnd());
    if (!sample.windowEnd().isAfter(sample.windowStart())) {
      throw ApiException.invalidField(
          "samples[%d].windowEnd".formatted(i),
          "samples[%d].windowEnd must be after windowStart".formatted(i));
    }
  }

  private static void storable(int i, String field, Instant at) {
    if (at.isBefore(EARLIEST) || !at.isBefore(END)) {
      throw ApiException.invalidField(
          "samples[%d].%s".formatted(i, field),
          "samples[%d].%s must be from %s and before %s".formatted(i, field, EARLIEST, END));
    }
  }

  private void rejectUnknownTargets(List<TelemetrySampleRequest> samples) {
    Set<String> ids = new LinkedHashSet<>();
    samples.forEach(s -> ids.add(s.targetId()));
    Set<String> unknown = targets.unknown(ids);
    if (unknown.isEmpty()) {
      return;
    }
    for (int i = 0; i < samples.size(); i++) {
      String id = samples.get(i).targetId();
      if (unknown.contains(id)) {
        throw new ApiException(
            422,
            "unknown_target",
            "samples[%d].targetId".formatted(i),
            "samples[%d].targetId '%s' names no target (%d unknown in this batch); PUT the target first"
                .formatted(i, id, unknown.size()));
      }
    }
  }
}
