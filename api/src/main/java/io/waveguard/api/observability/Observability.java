package io.waveguard.api.observability;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.waveguard.activities.observability.HttpTracing;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.api.config.ObservabilityConfiguration;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process's tracing and metrics: one OpenTelemetry SDK (W3C trace context, spans exported over
 * OTLP only when configured) and one Micrometer registry in the Prometheus format that Waveguard's
 * metrics and Temporal's SDK metrics share, pushed over OTLP too when configured. Temporal's
 * OpenTracing interceptors, over the OpenTelemetry shim, carry a trace from the API request through
 * the workflow into every activity. Nothing here is global: each server in a JVM (tests run
 * several) has its own.
 */
public final class Observability implements Managed {

  /** How often Temporal's SDK hands its metrics to the registry. */
  private static final com.uber.m3.util.Duration TEMPORAL_REPORT_EVERY =
      com.uber.m3.util.Duration.ofSeconds(5);

  private final OpenTelemetrySdk openTelemetry;
  private final PrometheusMeterRegistry registry;
  private final Scope temporalMetrics;
  private final SdkMeterProvider pushedMetrics;
  private final OpenTracingOptions tracingOptions;

  /**
   * @param pushedMetrics the OTLP metric push; null when no endpoint is configured
   */
  private Observability(
      OpenTelemetrySdk openTelemetry,
      PrometheusMeterRegistry registry,
      Scope temporalMetrics,
      SdkMeterProvider pushedMetrics) {
    this.pushedMetrics = pushedMetrics;
    this.openTelemetry = openTelemetry;
    this.registry = registry;
    this.temporalMetrics = temporalMetrics;
    this.tracingOptions =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
            .build();
  }

  public static Observability create(ObservabilityConfiguration config) {
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"), config.getServiceName())));
    SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource);
    ObservabilityConfiguration.Otlp otlp = config.getOtlp();
    if (otlp.isEnabled()) {
      tracing.addSpanProcessor(BatchSpanProcessor.builder(otlpSpans(otlp)).build());
    }
    for (SpanExporter exporter : config.getSpanExporters()) {
      tracing.addSpanProcessor(SimpleSpanProcessor.create(exporter));
    }
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracing.build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope temporal =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(TEMPORAL_REPORT_EVERY);
    SdkMeterProvider pushed = otlp.isEnabled() ? otlpMetrics(otlp, resource, registry) : null;
    return new Observability(sdk, registry, temporal, pushed);
  }

  /** The registry's meters, pushed every interval to {@code <endpoint>/v1/metrics}. */
  private static SdkMeterProvider otlpMetrics(
      ObservabilityConfiguration.Otlp otlp, Resource resource, PrometheusMeterRegistry registry) {
    OtlpHttpMetricExporterBuilder exporter =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(endpoint(otlp, "/v1/metrics"))
            .setTimeout(Duration.ofMillis(otlp.getTimeout().toMilliseconds()));
    otlp.getHeaders().forEach(exporter::addHeader);
    return SdkMeterProvider.builder()
        .setResource(resource)
        .registerMetricReader(
            PeriodicMetricReader.builder(exporter.build())
                .setInterval(Duration.ofMillis(otlp.getMetricsInterval().toMilliseconds()))
                .build())
        .registerMetricProducer(new MicrometerMetricProducer(registry, Clock.systemUTC()))
        .build();
  }

  private static String endpoint(ObservabilityConfiguration.Otlp otlp, String path) {
    return otlp.getEndpoint().replaceAll("/+$", "") + path;
  }

  private static SpanExporter otlpSpans(ObservabilityConfiguration.Otlp otlp) {
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(endpoint(otlp, "/v1/traces"))
            .setTimeout(Duration.ofMillis(otlp.getTimeout().toMilliseconds()));
    otlp.getHeaders().forEach(exporter::addHeader);
    return exporter.build();
  }

  /**
   * Traces every API request (a server span continuing an incoming {@code traceparent}, with the
   * route template as its name) and times it; serves the registry at the admin port's {@code
   * /prometheus}.
   */
  public void install(Environment environment) {
    environment
        .servlets()
        .addFilter("waveguard-tracing", new HttpServerTracing(openTelemetry, registry))
        .addMappingForUrlPatterns(
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/*");
    environment.jersey().register(new RouteTemplates());
    environment
        .admin()
        .addServlet("prometheus", new PrometheusServlet(registry))
        .addMapping("/prometheus");
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The registry Waveguard's and Temporal's metrics go to. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text of every metric, as {@code /prometheus} serves it. */
  public String scrape() {
    return registry.scrape();
  }

  public ReleaseMetrics releaseMetrics() {
    return new ReleaseMetrics(registry);
  }

  public HttpTracing httpTracing() {
    return new HttpTracing(openTelemetry);
  }

  /** Temporal's SDK metrics scope, for the service stubs. */
  public Scope temporalMetrics() {
    return temporalMetrics;
  }

  /** Starting a workflow makes a span and carries its context in the workflow's headers. */
  public List<WorkflowClientInterceptor> clientInterceptors() {
    return List.of(new OpenTracingClientInterceptor(tracingOptions));
  }

  /**
   * Spans of workflow and activity executions (the last interceptor is the outermost), and inside
   * them the activity's MDC and failure counts.
   */
  public List<WorkerInterceptor> workerInterceptors() {
    return List.of(
        new ActivityObservability(registry), new OpenTracingWorkerInterceptor(tracingOptions));
  }

  @Override
  public void start() {
    // Everything is built already; spans and metrics flow from the first request.
  }

  @Override
  public void stop() throws ScopeCloseException {
    temporalMetrics.close();
    if (pushedMetrics != null) {
      // A last push, so a stopping process loses no counts.
      pushedMetrics.shutdown().join(10, TimeUnit.SECONDS);
    }
    // Flushes what the batch processor still holds, within the export timeout.
    openTelemetry.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
    registry.close();
  }
}
