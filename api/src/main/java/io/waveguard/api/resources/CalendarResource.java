package io.waveguard.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.waveguard.api.auth.Role;
import io.waveguard.api.dto.CalendarView;
import io.waveguard.api.dto.ErrorResponse;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.calendar.ChangeCalendar;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The server's change calendar: when waves of a release without a calendar of its own may start. A
 * dry run (POST /api/v1/plans) shows each wave's earliest start under a release's own calendar.
 */
@Path("/api/v1/calendar")
@ApiResponse(
    responseCode = "default",
    description = "an error: 400 invalid input",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorResponse.class)))
@Produces(MediaType.APPLICATION_JSON)
public final class CalendarResource {

  private static final int DAYS_DEFAULT = 7;
  private static final int DAYS_MAX = 31;

  private final ChangeCalendar calendar;
  private final Clock clock;

  /**
   * @param calendar the server's calendar; null for none (any time)
   */
  public CalendarResource(ChangeCalendar calendar, Clock clock) {
    this.calendar = calendar == null ? ChangeCalendar.always() : calendar;
    this.clock = clock;
  }

  @Operation(
      summary = "The server's change windows and blackouts, and when waves may start",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the calendar and its openings over the days asked",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = CalendarView.class))))
  @GET
  @RolesAllowed(Role.Names.VIEWER)
  public CalendarView get(
      @Parameter(
              allowEmptyValue = true,
              schema =
                  @Schema(
                      type = "string",
                      format = "date-time",
                      description = "start of the stretch shown; default now"))
          @QueryParam("from")
          String from,
      @Parameter(
              allowEmptyValue = true,
              schema = @Schema(type = "integer", minimum = "1", maximum = "31", defaultValue = "7"))
          @QueryParam("days")
          String days) {
    int span = QueryParams.intParam("days", days, DAYS_DEFAULT, 1, DAYS_MAX);
    Instant start = from(QueryParams.optional(from));
    return CalendarView.of(calendar, start, start.plus(Duration.ofDays(span)));
  }

  private Instant from(String raw) {
    if (raw == null) {
      return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField(
          "from", "from must be an instant such as 2026-12-07T09:00:00Z, not '%s'".formatted(raw));
    }
  }
}
