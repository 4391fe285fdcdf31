package io.waveguard.api.demo;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.waveguard.activities.observability.ReleaseContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps the demo's finished spans in memory, so it can say what each release's trace holds without
 * an OTLP collector: which traces carry the release's id, and how many spans of each name they
 * have. The demo is a few hundred spans; nothing else uses this.
 */
final class DemoTraces implements SpanExporter {

  private final List<SpanData> spans = new ArrayList<>();

  /**
   * What one release's spans add up to.
   *
   * @param traceIds the traces in which a span names the release (one when tracing carried the
   *     context from the start of the workflow to its last activity)
   * @param spans every span of those traces
   * @param byName how many spans of each name, in name order
   */
  record ReleaseTrace(List<String> traceIds, int spans, Map<String, Integer> byName) {

    /** One line for the demo's output. */
    String describe(String releaseId) {
      StringBuilder names = new StringBuilder();
      byName.forEach(
          (name, count) ->
              names
                  .append(names.isEmpty() ? "" : ", ")
                  .append(name)
                  .append(count > 1 ? " ×" + count : ""));
      String traces =
          traceIds.size() == 1
              ? "one trace " + traceIds.get(0)
              : traceIds.size() + " traces " + String.join(", ", traceIds);
      return "trace of %s: %s, %d spans: %s".formatted(releaseId, traces, spans, names);
    }
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> finished) {
    spans.addAll(finished);
    return CompletableResultCode.ofSuccess();
  }

  /** The traces that name {@code releaseId}, and what they hold; empty when none does. */
  synchronized Optional<ReleaseTrace> of(String releaseId) {
    List<String> traceIds =
        spans.stream()
            .filter(s -> releaseId.equals(s.getAttributes().get(ReleaseContext.RELEASE_ID)))
            .map(SpanData::getTraceId)
            .distinct()
            .toList();
    if (traceIds.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> byName = new TreeMap<>();
    int count = 0;
    for (SpanData span : spans) {
      if (traceIds.contains(span.getTraceId())) {
        byName.merge(span.getName(), 1, Integer::sum);
        count++;
      }
    }
    return Optional.of(new ReleaseTrace(traceIds, count, new LinkedHashMap<>(byName)));
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
