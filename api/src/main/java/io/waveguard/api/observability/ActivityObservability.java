package io.waveguard.api.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.observability.ReleaseContext;
import org.slf4j.MDC;

/**
 * Inside each activity's span: the trace id and the release id (from the workflow id {@code
 * release-<id>}) in the MDC and on the span, and {@code waveguard.activity.failures} counted by
 * activity type and error type when an attempt fails.
 */
final class ActivityObservability extends WorkerInterceptorBase {

  private static final String WORKFLOW_ID_PREFIX = "release-";

  private final MeterRegistry registry;

  ActivityObservability(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String type = context.getInfo().getActivityType();
        String workflowId = context.getInfo().getWorkflowId();
        Span span = Span.current();
        MDC.put(HttpServerTracing.MDC_TRACE_ID, span.getSpanContext().getTraceId());
        if (workflowId != null && workflowId.startsWith(WORKFLOW_ID_PREFIX)) {
          String releaseId = workflowId.substring(WORKFLOW_ID_PREFIX.length());
          span.setAttribute(ReleaseContext.RELEASE_ID, releaseId);
          MDC.put(ReleaseContext.MDC_RELEASE_ID, releaseId);
        }
        try {
          return super.execute(input);
        } catch (RuntimeException e) {
          Counter.builder("waveguard.activity.failures")
              .description("Failed activity attempts, by activity type and error type")
              .tag("activity_type", type)
              .tag("error_type", errorType(e))
              .register(registry)
              .increment();
          throw e;
        } finally {
          MDC.remove(HttpServerTracing.MDC_TRACE_ID);
          MDC.remove(ReleaseContext.MDC_RELEASE_ID);
          MDC.remove(ReleaseContext.MDC_WAVE);
        }
      }
    };
  }

  private static String errorType(RuntimeException e) {
    if (e instanceof ApplicationFailure failure && failure.getType() != null) {
      return failure.getType();
    }
    return e.getClass().getSimpleName();
  }
}
