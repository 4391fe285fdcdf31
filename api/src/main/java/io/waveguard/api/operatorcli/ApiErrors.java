package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns an error answer ({@code {"error", "field", "message"}}) into one line for the operator. */
final class ApiErrors {

  private ApiErrors() {}

  static ApiFailure failure(int status, JsonNode body, boolean sentToken, String doing) {
    String error = text(body, "error");
    String field = text(body, "field");
    String message = text(body, "message");
    if (status == 401) {
      return new ApiFailure(
          status,
          sentToken
              ? "token refused: check WAVEGUARD_TOKEN or --token" + suffix(message)
              : "no token: set WAVEGUARD_TOKEN or --token" + suffix(message));
    }
    // Temporal refusing Waveguard's own credentials is a 403 too, but no token of ours fixes it.
    if (status == 403 && !"temporal_access_denied".equals(error)) {
      return new ApiFailure(
          status,
          (sentToken ? "token not allowed to " : "not allowed without a token to ")
              + doing
              + suffix(message));
    }
    if (error == null && message == null) {
      return new ApiFailure(status, "Waveguard answered HTTP " + status);
    }
    StringBuilder line = new StringBuilder("Waveguard refused (").append(status);
    if (error != null) {
      line.append(' ').append(error);
    }
    line.append(')');
    if (field != null) {
      line.append(": field ").append(field);
    }
    if (message != null) {
      line.append(": ").append(message);
    }
    return new ApiFailure(status, line.toString());
  }

  private static String suffix(String message) {
    return message == null ? "" : " (" + message + ")";
  }

  private static String text(JsonNode body, String name) {
    JsonNode node = body == null ? null : body.get(name);
    return node == null || node.isNull() ? null : node.asText();
  }
}
