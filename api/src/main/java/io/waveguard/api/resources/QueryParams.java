package io.waveguard.api.resources;

import io.waveguard.api.errors.ApiException;

/**
 * Parses query parameters by hand: JAX-RS answers a malformed one with a bare 404, where a caller
 * deserves a 400 naming the parameter.
 */
final class QueryParams {

  private QueryParams() {}

  static int intParam(String name, String raw, int defaultValue, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min || value > max) {
        throw ApiException.invalidField(
            name, "%s must be between %d and %d".formatted(name, min, max));
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.invalidField(name, "%s must be an integer".formatted(name));
    }
  }

  static String optional(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip();
  }
}
