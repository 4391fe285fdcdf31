package io.waveguard.api.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.Objects;

/**
 * Answers a body that failed Bean Validation (Dropwizard's JerseyViolationException is one). One
 * error shape has room for one field, so the answer names the first violation in path order.
 */
public final class ConstraintViolationMapper
    implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    ConstraintViolation<?> first =
        e.getConstraintViolations().stream()
            .min(
                Comparator.comparing(
                    (ConstraintViolation<?> v) ->
                        Objects.toString(FieldPaths.of(v.getPropertyPath()), "")))
            .orElse(null);
    if (first == null) {
      return ErrorResponses.of(400, "invalid_field", null, "request is invalid");
    }
    String field = FieldPaths.of(first.getPropertyPath());
    if (field == null) {
      return ErrorResponses.of(
          400, "invalid_field", null, "request body is required: a JSON object");
    }
    return ErrorResponses.of(400, "invalid_field", field, field + " " + first.getMessage());
  }
}
