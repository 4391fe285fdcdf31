package io.waveguard.activities.telemetry.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Prometheus server is and which PromQL reads each telemetry indicator from it.
 *
 * <p>Every query is a template; the source fills these placeholders before sending it:
 *
 * <ul>
 *   <li>{@code {{target}}} (required in every template): a regular expression matching exactly the
 *       target ids of one batch, already escaped for a double-quoted PromQL string. Use it as
 *       {@code label=~"{{target}}"}; it is a non-capturing group, so {@code "eu-{{target}}"} works
 *       too. Never use it with {@code =}: one query answers for many targets.
 *   <li>{@code {{window}}}: the length of the window [from, to) as a PromQL duration ({@code 300s},
 *       {@code 1500ms}), for range selectors of the count and availability queries.
 *   <li>{@code {{step}}}: the range step actually used for this window (at most {@code rangeStep},
 *       never longer than the window), for range selectors of the latency query.
 *   <li>{@code {{staleAfter}}}: {@code staleAfter} as a PromQL duration (required in {@code
 *       freshnessQuery}).
 * </ul>
 *
 * <p>Each query must return at most one series per target, carrying the target's id in {@code
 * targetLabel} (so aggregate with {@code by (<targetLabel>)}):
 *
 * <ul>
 *   <li>{@code requestsQuery}, {@code errorsQuery}, {@code crashesQuery}: instant queries at the
 *       window's end giving counts over the window (typically {@code increase(...[{{window}}])});
 *       rounded to whole numbers. A target without errors or crashes series has none.
 *   <li>{@code availabilityQuery}: instant query, the share of the window the target was up, in [0,
 *       1]. A target without it counts as never up.
 *   <li>{@code latencyP99MsQuery}: range query over the window, one p99 latency in milliseconds per
 *       step.
 *   <li>{@code freshnessQuery}: instant query at the window's end, how many samples the target
 *       reported in the last {@code {{staleAfter}}} (typically {@code count_over_time}, which
 *       ignores Prometheus's staleness markers). A target without a positive count is reported as
 *       having no data, whatever its other series say: its newest sample is too old to trust.
 * </ul>
 *
 * @param baseUrl the server's root, e.g. {@code http://127.0.0.1:9090}; a path prefix is kept
 * @param targetLabel the label carrying target ids in every query's result
 * @param queryTimeout how long one query may take, enforced by both the client and the server
 * @param rangeStep resolution of the latency series: one p99 per step
 * @param staleAfter how old a target's newest sample may be, at the window's end, for it to count
 * @param versionLabel the label carrying the build a series was measured on, or null when series
 *     carry none. With it, every query keeps that label ({@code by (<targetLabel>,
 *     <versionLabel>)}) and a target's series of another build than the one Waveguard deployed
 *     there are not read: a stale exporter's numbers are never credited to a release
 */
public record PrometheusSettings(
    URI baseUrl,
    String requestsQuery,
    String errorsQuery,
    String crashesQuery,
    String availabilityQuery,
    String latencyP99MsQuery,
    String freshnessQuery,
    String targetLabel,
    Duration queryTimeout,
    Duration rangeStep,
    Duration staleAfter,
    String versionLabel) {

  public static final String DEFAULT_TARGET_LABEL = "target";
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RANGE_STEP = Duration.ofSeconds(60);
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

  static final String TARGET = "target";
  static final String WINDOW = "window";
  static final String STEP = "step";
  static final String STALE_AFTER = "staleAfter";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public PrometheusSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
        || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
    }
    checkTemplate("requestsQuery", requestsQuery);
    checkTemplate("errorsQuery", errorsQuery);
    checkTemplate("crashesQuery", crashesQuery);
    checkTemplate("availabilityQuery", availabilityQuery);
    checkTemplate("latencyP99MsQuery", latencyP99MsQuery);
    checkTemplate("freshnessQuery", freshnessQuery);
    if (occurrences(freshnessQuery, STALE_AFTER) == 0) {
      // Otherwise staleAfter would silently have no effect.
      throw new IllegalArgumentException(
          "freshnessQuery must look back {{staleAfter}}: " + freshnessQuery);
    }
    if (targetLabel == null || !LABEL_NAME.matcher(targetLabel).matches()) {
      throw new IllegalArgumentException(
          "targetLabel must be a Prometheus label name, was " + targetLabel);
    }
    if (versionLabel != null
        && (!LABEL_NAME.matcher(versionLabel).matches() || versionLabel.equals(targetLabel))) {
      throw new IllegalArgumentException(
          "versionLabel must be a Prometheus label name other than targetLabel, was "
              + versionLabel);
    }
    checkPositive("queryTimeout", queryTimeout);
    checkPositive("rangeStep", rangeStep);
    checkPositive("staleAfter", staleAfter);
  }

  /** Queries for the conventional metric names, with targets in the label {@code target}. */
  public static PrometheusSettings defaults(URI baseUrl) {
    return defaults(baseUrl, DEFAULT_TARGET_LABEL);
  }

  /**
   * Queries for the conventional metric names: counters {@code http_requests_total}, {@code
   * http_request_errors_total} and {@code app_crashes_total}, the scrape health series {@code up},
   * and the histogram {@code http_request_duration_seconds} (in seconds, reported in ms).
   */
  public static PrometheusSettings defaults(URI baseUrl, String targetLabel) {
    return defaults(baseUrl, targetLabel, null);
  }

  /** The conventional queries, each also split by {@code versionLabel} when it is not null. */
  public static PrometheusSettings defaults(URI baseUrl, String targetLabel, String versionLabel) {
    String selector = "{" + targetLabel + "=~\"{{target}}\"}";
    String labels = versionLabel == null ? targetLabel : targetLabel + ", " + versionLabel;
    String byTarget = " by (" + labels + ") ";
    return new PrometheusSettings(
        baseUrl,
        "sum" + byTarget + "(increase(http_requests_total" + selector + "[{{window}}]))",
        "sum" + byTarget + "(increase(http_request_errors_total" + selector + "[{{window}}]))",
        "sum" + byTarget + "(increase(app_crashes_total" + selector + "[{{window}}]))",
        "avg" + byTarget + "(avg_over_time(up" + selector + "[{{window}}]))",
        "1000 * histogram_quantile(0.99, sum by ("
            + labels
            + ", le) (rate(http_request_duration_seconds_bucket"
            + selector
            + "[{{step}}])))",
        "sum" + byTarget + "(count_over_time(http_requests_total" + selector + "[{{staleAfter}}]))",
        targetLabel,
        DEFAULT_QUERY_TIMEOUT,
        DEFAULT_RANGE_STEP,
        DEFAULT_STALE_AFTER,
        versionLabel);
  }

  /** A builder starting from these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some settings of a {@link PrometheusSettings}; {@link #build()} checks them all. */
  public static final class Builder {
    private URI baseUrl;
    private String requestsQuery;
    private String errorsQuery;
    private String crashesQuery;
    private String availabilityQuery;
    private String latencyP99MsQuery;
    private String freshnessQuery;
    private String targetLabel;
    private Duration queryTimeout;
    private Duration rangeStep;
    private Duration staleAfter;
    private String versionLabel;

    private Builder(PrometheusSettings from) {
      baseUrl = from.baseUrl;
      requestsQuery = from.requestsQuery;
      errorsQuery = from.errorsQuery;
      crashesQuery = from.crashesQuery;
      availabilityQuery = from.availabilityQuery;
      latencyP99MsQuery = from.latencyP99MsQuery;
      freshnessQuery = from.freshnessQuery;
      targetLabel = from.targetLabel;
      queryTimeout = from.queryTimeout;
      rangeStep = from.rangeStep;
      staleAfter = from.staleAfter;
      versionLabel = from.versionLabel;
    }

    public Builder requestsQuery(String template) {
      requestsQuery = template;
      return this;
    }

    public Builder errorsQuery(String template) {
      errorsQuery = template;
      return this;
    }

    public Builder crashesQuery(String template) {
      crashesQuery = template;
      return this;
    }

    public Builder availabilityQuery(String template) {
      availabilityQuery = template;
      return this;
    }

    public Builder latencyP99MsQuery(String template) {
      latencyP99MsQuery = template;
      return this;
    }

    public Builder freshnessQuery(String template) {
      freshnessQuery = template;
      return this;
    }

    public Builder queryTimeout(Duration timeout) {
      queryTimeout = timeout;
      return this;
    }

    public Builder rangeStep(Duration step) {
      rangeStep = step;
      return this;
    }

    public Builder staleAfter(Duration stale) {
      staleAfter = stale;
      return this;
    }

    public PrometheusSettings build() {
      return new PrometheusSettings(
          baseUrl,
          requestsQuery,
          errorsQuery,
          crashesQuery,
          availabilityQuery,
          latencyP99MsQuery,
          freshnessQuery,
          targetLabel,
          queryTimeout,
          rangeStep,
          staleAfter,
          versionLabel);
    }
  }

  /**
   * The template with every placeholder replaced by its value; values are inserted verbatim, so
   * they must already be escaped for where the template puts them.
   */
  static String fill(String template, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder filled = new StringBuilder();
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for placeholder " + placeholder.group());
      }
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return placeholder.appendTail(filled).toString();
  }

  /** How many times the template uses the placeholder. */
  static int occurrences(String template, String name) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    int count = 0;
    while (placeholder.find()) {
      count += placeholder.group(1).equals(name) ? 1 : 0;
    }
    return count;
  }

  private static void checkTemplate(String field, String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException(field + " must be a PromQL template, was empty");
    }
    boolean hasTarget = false;
    Matcher placeholder = PLACEHOLDER.matcher(template);
    while (placeholder.find()) {
      String name = placeholder.group(1);
      if (!List.of(TARGET, WINDOW, STEP, STALE_AFTER).contains(name)) {
        throw new IllegalArgumentException(
            "%s: unknown placeholder %s; known: {{target}}, {{window}}, {{step}}, {{staleAfter}}"
                .formatted(field, placeholder.group()));
      }
      hasTarget |= name.equals(TARGET);
    }
    if (!hasTarget) {
      // Without it one query would answer for the whole fleet and every target would look alike.
      throw new IllegalArgumentException(
          field + " must select the batch's targets with {{target}}: " + template);
    }
  }

  private static void checkPositive(String field, Duration duration) {
    // PromQL durations go down to milliseconds; anything shorter would be sent as "0ms".
    if (duration == null || duration.toMillis() < 1) {
      throw new IllegalArgumentException(field + " must be at least 1 ms, was " + duration);
    }
  }
}
