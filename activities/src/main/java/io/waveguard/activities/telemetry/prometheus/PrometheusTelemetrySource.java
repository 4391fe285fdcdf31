package io.waveguard.activities.telemetry.prometheus;

import io.waveguard.activities.observability.HttpTracing;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TargetVersions;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.telemetry.TelemetryUnavailableException;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Sample;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Series;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Telemetry read from Prometheus with one query per indicator for a whole batch of targets (a regex
 * matcher over their ids), split by the target label; see {@link PrometheusSettings}. With a
 * version label, a target's series of another build than the one Waveguard deployed there at the
 * window's start are left out, so they are never credited to the release.
 */
public final class PrometheusTelemetrySource implements TelemetrySource {

  /** Longest query URL sent: many proxies and servers refuse 8 KB, so keep a margin below it. */
  static final int MAX_URL_CHARS = 6_000;

  /** Prometheus refuses range queries with more points per series than this. */
  private static final long MAX_POINTS = 11_000;

  /** What each template reads, and whether as a range query or an instant one at the end. */
  private enum Indicator {
    FRESHNESS("freshness", false),
    REQUESTS("requests", false),
    ERRORS("errors", false),
    CRASHES("crashes", false),
    AVAILABILITY("availability", false),
    LATENCY_P99_MS("latencyP99Ms", true);

    final String label;
    final boolean range;

    Indicator(String label, boolean range) {
      this.label = label;
      this.range = range;
    }
  }

  /**
   * The window [from, to), the latency step that fits it, and the build each target ran at its
   * start (empty without a version label).
   */
  private record Window(
      Instant from,
      Instant to,
      Duration length,
      Duration latencyStep,
      Map<String, String> versions) {}

  private final PrometheusSettings settings;
  private final PrometheusClient client;
  private final TargetVersions versions;

  /**
   * @param versions which build each target ran, to compare with {@code versionLabel}
   */
  public PrometheusTelemetrySource(PrometheusSettings settings, TargetVersions versions) {
    this(settings, new PrometheusClient(settings.baseUrl(), settings.queryTimeout()), versions);
  }

  public PrometheusTelemetrySource(PrometheusSettings settings) {
    this(settings, TargetVersions.NONE);
  }

  /** As above, each query a client span of the current trace. */
  public PrometheusTelemetrySource(
      PrometheusSettings settings, TargetVersions versions, HttpTracing tracing) {
    this(
        settings,
        new PrometheusClient(settings.baseUrl(), settings.queryTimeout(), tracing),
        versions);
  }

  PrometheusTelemetrySource(PrometheusSettings settings, PrometheusClient client) {
    this(settings, client, TargetVersions.NONE);
  }

  PrometheusTelemetrySource(
      PrometheusSettings settings, PrometheusClient client, TargetVersions versions) {
    this.settings = settings;
    this.client = client;
    this.versions = versions;
  }

  @Override
  public Map<String, TargetTelemetry> perTarget(List<String> targetIds, Instant from, Instant to) {
    List<String> ids = targetIds.stream().filter(Objects::nonNull).distinct().toList();
    if (ids.isEmpty() || !from.isBefore(to)) {
      return Map.of();
    }
    Duration length = Duration.between(from, to);
    Map<String, String> deployed =
        settings.versionLabel() == null ? Map.of() : versions.versionsAt(ids, from);
    Window window = new Window(from, to, length, fitStep(settings.rangeStep(), length), deployed);
    Map<String, TargetTelemetry> telemetry = new LinkedHashMap<>();
    for (List<String> batch : batches(ids, window)) {
      telemetry.putAll(read(batch, window));
    }
    return Collections.unmodifiableMap(telemetry);
  }

  /** Splits the ids so that no query URL, whatever its template, exceeds {@link #MAX_URL_CHARS}. */
  private List<List<String>> batches(List<String> ids, Window window) {
    String emptyPattern = PrometheusClient.targetPattern(List.of());
    long patternBudget = Long.MAX_VALUE;
    for (Indicator indicator : Indicator.values()) {
      int overhead = uri(indicator, emptyPattern, window).toString().length();
      int uses = PrometheusSettings.occurrences(template(indicator), PrometheusSettings.TARGET);
      patternBudget = Math.min(patternBudget, (MAX_URL_CHARS - overhead) / uses);
    }
    int separator = PrometheusClient.encodedLength("|");
    List<List<String>> batches = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    long patternLength = 0;
    for (String id : ids) {
      long cost =
          PrometheusClient.encodedLength(PrometheusClient.quotedTarget(id))
              + (batch.isEmpty() ? 0 : separator);
      if (!batch.isEmpty() && patternLength + cost > patternBudget) {
        batches.add(batch);
        batch = new ArrayList<>();
        cost -= separator;
        patternLength = 0;
      }
      // An id too long for any batch still goes alone: better a long URL than a blind gate.
      batch.add(id);
      patternLength += cost;
    }
    batches.add(batch);
    return batches;
  }

  private Map<String, TargetTelemetry> read(List<String> batch, Window window) {
    String pattern = PrometheusClient.targetPattern(batch);
    Set<String> wanted = new HashSet<>(batch);
    Set<String> fresh = new HashSet<>();
    values(Indicator.FRESHNESS, pattern, window, wanted)
        .forEach(
            (id, samples) -> {
              if (samples > 0) {
                fresh.add(id);
              }
            });
    if (fresh.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> requests = values(Indicator.REQUESTS, pattern, window, fresh);
    if (requests.isEmpty()) {
      return Map.of();
    }
    Set<String> live = requests.keySet();
    Map<String, Double> errors = values(Indicator.ERRORS, pattern, window, live);
    Map<String, Double> crashes = values(Indicator.CRASHES, pattern, window, live);
    Map<String, Double> availability = values(Indicator.AVAILABILITY, pattern, window, live);
    Map<String, Series> latency = byTarget(Indicator.LATENCY_P99_MS, pattern, window, live);

    Map<String, TargetTelemetry> telemetry = new LinkedHashMap<>();
    for (String id : batch) {
      if (!live.contains(id)) {
        continue;
      }
      long requestCount = count(requests.get(id));
      telemetry.put(
          id,
          new TargetTelemetry(
              id,
              requestCount,
              // Counters sampled at slightly different instants can overshoot their total.
              Math.min(requestCount, count(errors.get(id))),
              count(crashes.get(id)),
              // No availability series is no evidence of being up.
              Math.max(0, Math.min(1, availability.getOrDefault(id, 0.0))),
              latencyOf(latency.get(id))));
    }
    return telemetry;
  }

  /** Each wanted target's finite instant value; targets without one are left out. */
  private Map<String, Double> values(
      Indicator indicator, String pattern, Window window, Set<String> wanted) {
    Map<String, Double> values = new HashMap<>();
    byTarget(indicator, pattern, window, wanted)
        .forEach(
            (id, series) -> {
              double value =
                  series.samples().isEmpty() ? Double.NaN : series.samples().get(0).value();
              if (Double.isFinite(value)) {
                values.put(id, value);
              }
            });
    return values;
  }

  private Map<String, Series> byTarget(
      Indicator indicator, String pattern, Window window, Set<String> wanted) {
    String query = query(indicator, pattern, window);
    List<Series> answer;
    try {
      answer =
          indicator.range
              ? client.range(query, rangeStart(window), window.to(), window.latencyStep())
              : client.instant(query, window.to());
    } catch (TelemetryUnavailableException e) {
      throw new TelemetryUnavailableException(
          "cannot read %s from Prometheus: %s".formatted(indicator.label, e.getMessage()), e);
    }
    Map<String, Series> byTarget = new HashMap<>();
    for (Series series : answer) {
      String id = series.labels().get(settings.targetLabel());
      if (id == null) {
        throw unusable(indicator, "a series without the label '%s'", query);
      }
      if (!wanted.contains(id) || !ofDeployedBuild(id, series, window)) {
        continue;
      }
      if (byTarget.put(id, series) != null) {
        throw unusable(indicator, "several series for target '" + id + "'", query);
      }
    }
    return byTarget;
  }

  /**
   * A series without the version label, or of a target Waveguard deployed nothing on, is the
   * target's; one labelled with another build than the deployed one is not.
   */
  private boolean ofDeployedBuild(String targetId, Series series, Window window) {
    if (settings.versionLabel() == null) {
      return true;
    }
    String label = series.labels().get(settings.versionLabel());
    String deployed = window.versions().get(targetId);
    return label == null || deployed == null || deployed.equals(label);
  }

  private TelemetryUnavailableException unusable(Indicator indicator, String what, String query) {
    return new TelemetryUnavailableException(
        "cannot read %s from Prometheus: query returned %s; aggregate it by (%s): %s"
            .formatted(
                indicator.label,
                what.formatted(settings.targetLabel()),
                settings.targetLabel(),
                query));
  }

  private URI uri(Indicator indicator, String pattern, Window window) {
    String query = query(indicator, pattern, window);
    return indicator.range
        ? client.rangeUri(query, rangeStart(window), window.to(), window.latencyStep())
        : client.instantUri(query, window.to());
  }

  private String query(Indicator indicator, String pattern, Window window) {
    return PrometheusSettings.fill(
        template(indicator),
        Map.of(
            PrometheusSettings.TARGET,
            pattern,
            PrometheusSettings.WINDOW,
            PrometheusClient.duration(window.length()),
            PrometheusSettings.STEP,
            PrometheusClient.duration(window.latencyStep()),
            PrometheusSettings.STALE_AFTER,
            PrometheusClient.duration(settings.staleAfter())));
  }

  private String template(Indicator indicator) {
    return switch (indicator) {
      case FRESHNESS -> settings.freshnessQuery();
      case REQUESTS -> settings.requestsQuery();
      case ERRORS -> settings.errorsQuery();
      case CRASHES -> settings.crashesQuery();
      case AVAILABILITY -> settings.availabilityQuery();
      case LATENCY_P99_MS -> settings.latencyP99MsQuery();
    };
  }

  /** Latency points each cover the step before them, so the first sits one step in. */
  private static Instant rangeStart(Window window) {
    return window.from().plus(window.latencyStep());
  }

  /**
   * The configured step, shortened to the span and lengthened to stay within Prometheus's limit.
   */
  private static Duration fitStep(Duration step, Duration span) {
    Duration fitted = step.compareTo(span) > 0 ? span : step;
    long minimumMillis = (span.toMillis() + MAX_POINTS - 1) / MAX_POINTS;
    return fitted.toMillis() < minimumMillis ? Duration.ofMillis(minimumMillis) : fitted;
  }

  private static long count(Double value) {
    return value == null ? 0 : Math.round(Math.max(0, value));
  }

  private static List<Double> latencyOf(Series series) {
    if (series == null) {
      return List.of();
    }
    return series.samples().stream()
        .map(Sample::value)
        .filter(v -> Double.isFinite(v) && v >= 0)
        .toList();
  }
}
