package io.waveguard.api.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.waveguard.api.dto.GateMode;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Tier;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Answers bodies that are not JSON, or not the JSON a resource expects, naming the field. */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

  @Override
  public Response toResponse(JsonProcessingException e) {
    ApiException wrapped = ErrorResponses.apiCause(e);
    if (wrapped != null) {
      return ErrorResponses.of(wrapped);
    }
    if (e instanceof JsonParseException || e instanceof StreamReadException) {
      return ErrorResponses.of(
          400, "malformed_json", null, "request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(e instanceof JsonMappingException mapping)) {
      return ErrorResponses.of(400, "malformed_json", null, e.getOriginalMessage());
    }
    String field = FieldPaths.of(mapping.getPath());
    if (e instanceof UnrecognizedPropertyException unknown) {
      return ErrorResponses.of(
          400,
          "unknown_field",
          field,
          "unknown field '%s'; known fields: %s"
              .formatted(unknown.getPropertyName(), sorted(unknown.getKnownPropertyIds())));
    }
    if (field == null) {
      return ErrorResponses.of(
          400, "invalid_field", null, "request body must be a JSON object of the documented shape");
    }
    return ErrorResponses.of(400, "invalid_field", field, field + ": " + describe(mapping));
  }

  private static String describe(JsonMappingException e) {
    Class<?> target = targetType(e);
    if (target != null && target.isEnum()) {
      Throwable cause = e.getCause();
      String problem = cause != null ? cause.getMessage() : "not a known value";
      return problem + "; expected one of " + ENUM_VALUES.getOrDefault(target, constants(target));
    }
    if (e instanceof InvalidFormatException invalid) {
      return "'%s' is not %s".formatted(invalid.getValue(), expected(target));
    }
    if (e instanceof MismatchedInputException) {
      return "expected " + expected(target);
    }
    // Raised by our own deserializers, whose message is meant for the caller.
    if (e.getClass() == JsonMappingException.class) {
      return e.getOriginalMessage();
    }
    return "invalid value";
  }

  private static Class<?> targetType(JsonMappingException e) {
    if (e instanceof MismatchedInputException mismatched) {
      return mismatched.getTargetType();
    }
    if (e instanceof ValueInstantiationException instantiation) {
      return instantiation.getType().getRawClass();
    }
    return null;
  }

  private static final Map<Class<?>, String> ENUM_VALUES =
      Map.of(
          Tier.class,
          Arrays.stream(Tier.values()).map(Tier::wireName).collect(Collectors.joining(", ")),
          Strategy.class,
          Arrays.stream(Strategy.values())
              .map(Strategy::wireName)
              .collect(Collectors.joining(", ")),
          GateMode.class,
          Arrays.stream(GateMode.values())
              .map(GateMode::wireName)
              .collect(Collectors.joining(", ")));

  private static String constants(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(Object::toString)
        .collect(Collectors.joining(", "));
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "a value of the documented type";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == Long.class
        || target == Integer.class
        || target == long.class
        || target == int.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == java.time.Instant.class) {
      return "an ISO-8601 instant such as 2025-01-31T12:00:00Z";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static List<String> sorted(Collection<Object> ids) {
    return ids.stream().map(String::valueOf).sorted().toList();
  }
}
