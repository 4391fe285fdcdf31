package io.waveguard.activities.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * A client span around each outbound HTTP call (the webhook deployer's, the Prometheus source's),
 * child of the activity's span, with the trace context in the request's W3C {@code traceparent}
 * header so the receiver's spans join the release's trace.
 */
public final class HttpTracing {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  public HttpTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("io.waveguard.activities");
  }

  /** No spans and no headers. */
  public static HttpTracing none() {
    return new HttpTracing(OpenTelemetry.noop());
  }

  /** Starts a client span for {@code method url}; close the call when the answer is in. */
  public Call start(String method, URI url) {
    Span span =
        tracer
            .spanBuilder(method)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(METHOD, method)
            .setAttribute(URL, withoutQuery(url))
            .setAttribute(SERVER, url.getHost())
            .setAttribute(PORT, (long) port(url))
            .startSpan();
    return new Call(span, span.makeCurrent());
  }

  /** One outbound call's span, current until closed. */
  public final class Call implements AutoCloseable {
    private final Span span;
    private final Scope scope;

    private Call(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    /** The span, to add attributes such as the release id. */
    public Span span() {
      return span;
    }

    /** Adds {@code traceparent} (and whatever else the propagators carry) to the request. */
    public HttpRequest.Builder propagate(HttpRequest.Builder request) {
      openTelemetry
          .getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), request, HttpRequest.Builder::header);
      return request;
    }

    public void answered(int status) {
      span.setAttribute(STATUS, (long) status);
      if (status >= 400) {
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(ERROR, Integer.toString(status));
      }
    }

    public void failed(Throwable error) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getMessage());
      span.setAttribute(ERROR, error.getClass().getName());
    }

    @Override
    public void close() {
      scope.close();
      span.end();
    }
  }

  private static String withoutQuery(URI url) {
    // Prometheus queries name the fleet's labels; the span keeps the endpoint, not the question.
    String text = url.toString();
    int query = text.indexOf('?');
    return query < 0 ? text : text.substring(0, query);
  }

  private static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
