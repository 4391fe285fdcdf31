package io.waveguard.api.errors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The error page of a servlet context (the API's and the admin port's), for errors raised inside it
 * but outside Jersey: an ambiguous URI, a method the server does not allow, a path the admin
 * servlet does not know. Same JSON as {@link JsonErrorHandler}; the servlet variant is needed so
 * the servlet response completes properly.
 */
public class ServletJsonErrorHandler extends ErrorHandler {

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
