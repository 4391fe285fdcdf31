package io.waveguard.api.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hands what {@code /prometheus} serves to OpenTelemetry's metric export, as cumulative data with
 * the same names and labels: counters as monotonic sums, gauges as gauges, histograms (timers in
 * seconds, distribution summaries) as explicit-bucket histograms with the same buckets. It reads
 * the Prometheus registry's own snapshot, whose bucket counts are the exact cumulative ones (a
 * Micrometer meter's snapshot in this registry carries none).
 */
final class MicrometerMetricProducer implements MetricProducer {

  private static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.create("io.waveguard");

  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final long startEpochNanos;

  MicrometerMetricProducer(PrometheusMeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.startEpochNanos = nanos(clock);
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = nanos(clock);
    List<MetricData> metrics = new ArrayList<>();
    for (MetricSnapshot snapshot : registry.getPrometheusRegistry().scrape()) {
      MetricData data = convert(resource, snapshot, now);
      if (data != null) {
        metrics.add(data);
      }
    }
    return metrics;
  }

  private MetricData convert(Resource resource, MetricSnapshot snapshot, long now) {
    MetricMetadata metadata = snapshot.getMetadata();
    String name = metadata.getPrometheusName();
    String help = metadata.getHelp() == null ? "" : metadata.getHelp();
    String unit = metadata.hasUnit() ? unit(metadata.getUnit().toString()) : "";
    if (snapshot instanceof CounterSnapshot counter) {
      List<DoublePointData> points = new ArrayList<>();
      counter.getDataPoints().forEach(p -> points.add(point(p.getLabels(), p.getValue(), now)));
      return ImmutableMetricData.createDoubleSum(
          resource,
          SCOPE,
          name,
          help,
          unit,
          ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points));
    }
    if (snapshot instanceof GaugeSnapshot gauge) {
      List<DoublePointData> points = new ArrayList<>();
      gauge.getDataPoints().forEach(p -> points.add(point(p.getLabels(), p.getValue(), now)));
      return ImmutableMetricData.createDoubleGauge(
          resource, SCOPE, name, help, unit, ImmutableGaugeData.create(points));
    }
    if (snapshot instanceof HistogramSnapshot histogram) {
      List<HistogramPointData> points = new ArrayList<>();
      for (HistogramSnapshot.HistogramDataPointSnapshot p : histogram.getDataPoints()) {
        if (p.hasClassicHistogramData()) {
          points.add(histogramPoint(p, now));
        }
      }
      return ImmutableMetricData.createDoubleHistogram(
          resource,
          SCOPE,
          name,
          help,
          unit,
          ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points));
    }
    return null; // summaries, info and state sets: scraped at /prometheus only
  }

  private DoublePointData point(Labels labels, double value, long now) {
    return ImmutableDoublePointData.create(startEpochNanos, now, attributes(labels), value);
  }

  /** The classic buckets end with +Inf, which OpenTelemetry leaves implicit. */
  private HistogramPointData histogramPoint(
      HistogramSnapshot.HistogramDataPointSnapshot point, long now) {
    ClassicHistogramBuckets buckets = point.getClassicBuckets();
    List<Double> boundaries = new ArrayList<>(buckets.size());
    List<Long> counts = new ArrayList<>(buckets.size());
    long total = 0;
    for (int i = 0; i < buckets.size(); i++) {
      if (!Double.isInfinite(buckets.getUpperBound(i))) {
        boundaries.add(buckets.getUpperBound(i));
      }
      counts.add(buckets.getCount(i));
      total += buckets.getCount(i);
    }
    if (counts.size() == boundaries.size()) {
      counts.add(0L); // no +Inf bucket reported
    }
    return ImmutableHistogramPointData.create(
        startEpochNanos,
        now,
        attributes(point.getLabels()),
        point.hasSum() ? point.getSum() : 0,
        false,
        0,
        false,
        0,
        boundaries,
        counts.size() == boundaries.size() + 1 ? counts : fit(counts, boundaries.size(), total));
  }

  /** Defensive: a bucket list of another shape becomes one overflow bucket. */
  private static List<Long> fit(List<Long> counts, int boundaries, long total) {
    List<Long> fitted = new ArrayList<>(boundaries + 1);
    for (int i = 0; i < boundaries; i++) {
      fitted.add(0L);
    }
    fitted.add(total);
    return fitted;
  }

  private static Attributes attributes(Labels labels) {
    AttributesBuilder attributes = Attributes.builder();
    for (Label label : labels) {
      attributes.put(label.getName(), label.getValue());
    }
    return attributes.build();
  }

  private static String unit(String prometheusUnit) {
    return "seconds".equals(prometheusUnit) ? "s" : prometheusUnit;
  }

  private static long nanos(Clock clock) {
    return TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }
}
