package io.waveguard.activities.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

/**
 * Names the release, wave and target count an activity works on: as attributes of the current span
 * (the activity's, made by Temporal's tracing interceptor) and in the logging MDC for the
 * activity's duration, so its log lines carry them.
 *
 * <pre>{@code
 * try (ReleaseContext ignored = ReleaseContext.enter(releaseId, wave)) { ... }
 * }</pre>
 */
public final class ReleaseContext implements AutoCloseable {

  public static final AttributeKey<String> RELEASE_ID =
      AttributeKey.stringKey("waveguard.release.id");
  public static final AttributeKey<Long> WAVE = AttributeKey.longKey("waveguard.wave");
  public static final AttributeKey<Long> TARGETS = AttributeKey.longKey("waveguard.targets");

  /** MDC keys, as the logging pattern names them. */
  public static final String MDC_RELEASE_ID = "release_id";

  public static final String MDC_WAVE = "wave";

  private final String previousRelease;
  private final String previousWave;

  private ReleaseContext(String previousRelease, String previousWave) {
    this.previousRelease = previousRelease;
    this.previousWave = previousWave;
  }

  /** The release and wave; wave below 1 means the activity concerns the whole release. */
  public static ReleaseContext enter(String releaseId, int wave) {
    ReleaseContext context = new ReleaseContext(MDC.get(MDC_RELEASE_ID), MDC.get(MDC_WAVE));
    Span span = Span.current();
    span.setAttribute(RELEASE_ID, releaseId);
    MDC.put(MDC_RELEASE_ID, releaseId);
    if (wave >= 1) {
      span.setAttribute(WAVE, (long) wave);
      MDC.put(MDC_WAVE, Integer.toString(wave));
    }
    return context;
  }

  /** The number of targets the activity acts on, on the current span. */
  public static void targets(int count) {
    Span.current().setAttribute(TARGETS, (long) count);
  }

  @Override
  public void close() {
    restore(MDC_RELEASE_ID, previousRelease);
    restore(MDC_WAVE, previousWave);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
