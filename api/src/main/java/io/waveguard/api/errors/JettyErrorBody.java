package io.waveguard.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waveguard.api.dto.ErrorResponse;
import java.io.PrintWriter;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The error body of answers Jetty writes itself (a request line, header or URI it refuses before
 * any resource sees it), in the shape every other error has.
 */
final class JettyErrorBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JettyErrorBody() {}

  static void write(PrintWriter writer, int status, String message, Throwable cause) {
    ErrorResponse body =
        new ErrorResponse(ErrorResponses.codeFor(status), null, sentence(status, message, cause));
    try {
      writer.write(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body of three strings is always JSON", e);
    }
  }

  /**
   * Jetty's reason ("Ambiguous URI path separator") is meant for the client; an exception's own
   * toString, which Jetty falls back to, names our classes and is not.
   */
  private static String sentence(int status, String message, Throwable cause) {
    boolean fromException =
        cause != null && !(cause instanceof HttpException) && cause.toString().equals(message);
    if (message == null || message.isBlank() || fromException) {
      return HttpStatus.getMessage(status);
    }
    return message;
  }
}
