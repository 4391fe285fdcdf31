package io.waveguard.api.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import org.slf4j.MDC;

/**
 * A server span per API request, continuing the caller's W3C {@code traceparent}, current while the
 * request runs (so a release's workflow start joins it), and the request's latency in {@code
 * waveguard.http.server.request.duration} by route template, method and status (OpenTelemetry's
 * HTTP semantic conventions). A servlet filter, so the span opens and closes on the same thread.
 */
final class HttpServerTracing implements Filter {

  static final String MDC_TRACE_ID = "trace_id";

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
          return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
          return request == null ? null : request.getHeader(key);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final MeterRegistry registry;

  HttpServerTracing(OpenTelemetry openTelemetry, MeterRegistry registry) {
    this.tracer = openTelemetry.getTracer("io.waveguard.api");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.registry = registry;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    long started = System.nanoTime();
    String method = KNOWN_METHODS.contains(request.getMethod()) ? request.getMethod() : "_OTHER";
    Context parent = propagator.extract(Context.root(), request, HEADERS);
    Span span =
        tracer
            .spanBuilder(method)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(METHOD, method)
            .setAttribute(PATH, request.getRequestURI())
            .setAttribute(SCHEME, request.getScheme())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      span.recordException(e);
      finish(span, method, request, 500, started);
      throw e;
    } finally {
      MDC.remove(MDC_TRACE_ID);
    }
    if (request.isAsyncStarted()) {
      request
          .getAsyncContext()
          .addListener(
              new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                  finish(span, method, request, response.getStatus(), started);
                }

                @Override
                public void onTimeout(AsyncEvent event) {}

                @Override
                public void onError(AsyncEvent event) {}

                @Override
                public void onStartAsync(AsyncEvent event) {}
              });
    } else {
      finish(span, method, request, response.getStatus(), started);
    }
  }

  private void finish(
      Span span, String method, HttpServletRequest request, int status, long started) {
    Object matched = request.getAttribute(RouteTemplates.ROUTE);
    String route = matched instanceof String template ? template : null;
    if (route != null) {
      span.updateName(method + " " + route);
      span.setAttribute(ROUTE, route);
    }
    span.setAttribute(STATUS, (long) status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    Timer.builder("waveguard.http.server.request.duration")
        .description("API requests, by route template, method and status")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .tag("http.request.method", method)
        .tag("http.route", route == null ? "unmatched" : route)
        .tag("http.response.status_code", Integer.toString(status))
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - started));
  }
}
