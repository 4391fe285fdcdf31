package io.waveguard.api.errors;

import java.util.List;

/**
 * Every Jersey provider that shapes error answers. Registered in place of Dropwizard's default
 * exception mappers, so every 4xx and 5xx has the body {error, field, message}.
 */
public final class ErrorHandling {

  private ErrorHandling() {}

  public static List<Object> providers(long maxBody, long maxTelemetryBody) {
    return List.of(
        new QueryStringFilter(),
        new BodySizeLimitFilter(maxBody, maxTelemetryBody),
        new ApiExceptionMapper(),
        new JsonErrorMapper(),
        new ConstraintViolationMapper(),
        new WebApplicationExceptionMapper(),
        new ReleaseNotFoundMapper(),
        new ReleaseConflictMapper(),
        new UnexpectedExceptionMapper());
  }
}
