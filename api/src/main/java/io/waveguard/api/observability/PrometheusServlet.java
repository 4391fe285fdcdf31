package io.waveguard.api.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The admin port's {@code GET /prometheus}: every metric in Prometheus' text format 0.0.4. */
final class PrometheusServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final transient PrometheusMeterRegistry registry;

  PrometheusServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(TEXT_FORMAT);
    response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
