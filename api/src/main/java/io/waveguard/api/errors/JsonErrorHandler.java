package io.waveguard.api.errors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-wide error page, for what Jetty refuses before a request reaches a context: a
 * malformed request line or header, a URI or headers too large, an unknown HTTP version. Answers
 * JSON whatever the client accepts, for every method (Jetty's own writes a body only for GET, POST
 * and HEAD).
 */
public class JsonErrorHandler extends ErrorHandler {

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback cb)
      throws IOException {
    if (!generateAcceptableResponse(
        request,
        response,
        cb,
        "application/json",
        List.of(StandardCharsets.UTF_8),
        code,
        message,
        cause)) {
      cb.succeeded();
    }
  }

  @Override
  protected void writeErrorJson(
      Request request, PrintWriter writer, int code, String message, Throwable cause) {
    JettyErrorBody.write(writer, code, message, cause);
  }
}
