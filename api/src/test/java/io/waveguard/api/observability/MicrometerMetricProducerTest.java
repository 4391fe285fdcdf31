package io.waveguard.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrometerMetricProducerTest {

  @Test
  void countersBecomeSumsAndHistogramsKeepTheirBuckets() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("waveguard.rollbacks").tag("tier", "low").register(registry).increment(3);
    DistributionSummary trust =
        DistributionSummary.builder("waveguard.trust")
            .serviceLevelObjectives(50, 90)
            .register(registry);
    trust.record(20);
    trust.record(70);
    trust.record(80);
    trust.record(95);
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(reader)
            .registerMetricProducer(new MicrometerMetricProducer(registry, Clock.systemUTC()))
            .build();

    Collection<MetricData> metrics = reader.collectAllMetrics();
    provider.close();

    MetricData rollbacks = named(metrics, "waveguard_rollbacks");
    assertThat(rollbacks.getDoubleSumData().isMonotonic()).isTrue();
    assertThat(rollbacks.getDoubleSumData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getValue()).isEqualTo(3.0);
              assertThat(p.getAttributes().get(AttributeKey.stringKey("tier"))).isEqualTo("low");
            });
    HistogramPointData histogram =
        named(metrics, "waveguard_trust").getHistogramData().getPoints().iterator().next();
    assertThat(histogram.getBoundaries()).containsExactly(50.0, 90.0);
    assertThat(histogram.getCounts()).containsExactly(1L, 2L, 1L);
    assertThat(histogram.getCount()).isEqualTo(4);
    assertThat(histogram.getSum()).isCloseTo(265.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  private static MetricData named(Collection<MetricData> metrics, String name) {
    List<MetricData> found = metrics.stream().filter(m -> m.getName().equals(name)).toList();
    assertThat(found)
        .as("%s in %s", name, metrics.stream().map(MetricData::getName).toList())
        .hasSize(1);
    return found.get(0);
  }
}
