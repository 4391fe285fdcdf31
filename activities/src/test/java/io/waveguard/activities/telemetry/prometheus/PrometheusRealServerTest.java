package io.waveguard.activities.telemetry.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetryUnavailableException;
import io.waveguard.activities.telemetry.prometheus.PrometheusClient.Series;
import io.waveguard.activities.telemetry.prometheus.ScrapedFleet.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source against a real Prometheus that scrapes a loopback exporter every second. Skipped when
 * no {@code prometheus} binary is installed; CI installs the OS package.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusRealServerTest {

  /** Regex and PromQL metacharacters, so a mistake in escaping shows up as a missing target. */
  private static final String ODD_ID = "api.eu|\"2\"\\x";

  private static final List<Target> TARGETS =
      List.of(
          Target.healthy("web-1", 1000, 10, 0, 120),
          Target.healthy(ODD_ID, 500, 100, 1, 300),
          new Target("flaky", 200, 2, 0, 80, true, Integer.MAX_VALUE),
          new Target("retired", 100, 1, 0, 90, false, 4));

  private static final List<String> ASKED = List.of("web-1", ODD_ID, "flaky", "retired", "ghost");
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final int SCRAPES_BEFORE_TESTING = 10;
  private static final Duration DATA_WITHIN = Duration.ofSeconds(60);

  private static ScrapedFleet fleet;
  private static PrometheusServer prometheus;
  private static PrometheusSettings settings;

  @BeforeAll
  static void startPrometheusScrapingTheFleet(@TempDir Path dir) throws Exception {
    Optional<Path> binary = PrometheusServer.binary();
    if (binary.isEmpty()) {
      return; // Each test then reports itself skipped, which Surefire shows; a class skip it hides.
    }
    fleet = new ScrapedFleet(TARGETS);
    prometheus = PrometheusServer.start(binary.get(), dir, config(fleet));
    // A 2 s step holds two 1 s scrapes, enough for rate() in the latency query.
    settings =
        PrometheusSettings.defaults(prometheus.baseUrl()).toBuilder()
            .rangeStep(Duration.ofSeconds(2))
            .build();
    awaitScrapes();
  }

  @BeforeEach
  void requirePrometheus() {
    assumeTrue(
        prometheus != null,
        "no prometheus binary on the PATH (CI installs the OS package); real-server test skipped");
  }

  @AfterAll
  static void stopPrometheusAndFleet() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void countsAreSplitPerTargetInTheExportedProportions() {
    Map<String, TargetTelemetry> telemetry = perTarget(settings);

    TargetTelemetry web = telemetry.get("web-1");
    TargetTelemetry odd = telemetry.get(ODD_ID);
    assertThat(web.requests()).isGreaterThan(1000);
    assertThat(web.errorRate()).isCloseTo(0.01, within(0.002));
    assertThat(web.crashes()).isZero();
    assertThat(odd.requests()).isGreaterThan(500);
    assertThat(odd.errorRate()).isCloseTo(0.2, within(0.02));
    assertThat(odd.crashes()).isPositive();
    assertThat((double) web.requests() / odd.requests()).isBetween(1.6, 2.4);
  }

  @Test
  void targetThatWasNeverExportedIsAbsent() {
    assertThat(perTarget(settings)).doesNotContainKey("ghost").containsKeys("web-1", ODD_ID);
  }

  @Test
  void latencyComesFromTheHistogramAsOneP99PerStep() {
    List<Double> latency = perTarget(settings).get("web-1").latencyP99Ms();

    // 1.5 % of observations lie in (0.25 s, 0.5 s]; the p99 sits a third of the way in: 333 ms.
    assertThat(latency).isNotEmpty().hasSizeLessThanOrEqualTo(30);
    assertThat(latency).allSatisfy(p99 -> assertThat(p99).isCloseTo(333.3, within(1.0)));
  }

  @Test
  void latencyTemplateCanReadAGaugeInstead() {
    PrometheusSettings gauge =
        settings.toBuilder()
            .latencyP99MsQuery(
                "max by (target) (max_over_time(app_latency_p99_ms{target=~\"{{target}}\"}[{{step}}]))")
            .build();

    Map<String, TargetTelemetry> telemetry = perTarget(gauge);

    assertThat(telemetry.get("web-1").latencyP99Ms()).isNotEmpty().containsOnly(120.0);
    assertThat(telemetry.get(ODD_ID).latencyP99Ms()).isNotEmpty().containsOnly(300.0);
  }

  @Test
  void availabilityIsTheShareOfSuccessfulScrapes() {
    Map<String, TargetTelemetry> telemetry = perTarget(settings);

    assertThat(telemetry.get("web-1").availability()).isEqualTo(1.0);
    assertThat(telemetry.get("flaky").availability()).isBetween(0.3, 0.7);
    assertThat(telemetry.get("flaky").requests()).isPositive();
  }

  @Test
  void targetThatStoppedReportingIsLeftOutOnceItsDataIsStale() {
    // It answered its first 4 scrapes only; the others have been scraped at least 10 times.
    assertThat(perTarget(settings)).containsKey("retired");

    Map<String, TargetTelemetry> strict =
        perTarget(settings.toBuilder().staleAfter(Duration.ofSeconds(4)).build());

    assertThat(strict).doesNotContainKey("retired").containsKeys("web-1", ODD_ID);
  }

  @Test
  void thousandsOfTargetsAreAnsweredInBatches() {
    List<String> many = new ArrayList<>(ASKED);
    IntStream.range(0, 1500).forEach(i -> many.add("unknown-target-%05d".formatted(i)));
    Instant to = Instant.now();

    Map<String, TargetTelemetry> telemetry =
        new PrometheusTelemetrySource(settings).perTarget(many, to.minus(WINDOW), to);

    assertThat(telemetry).containsOnlyKeys("web-1", ODD_ID, "flaky", "retired");
  }

  @Test
  void queryPrometheusRejectsIsUnavailableWithItsReason() {
    PrometheusSettings broken =
        new PrometheusSettings(
            settings.baseUrl(),
            settings.requestsQuery(),
            "sum by (target) (increase(http_request_errors_total{target=~\"{{target}}\"}[{{window}}])",
            settings.crashesQuery(),
            settings.availabilityQuery(),
            settings.latencyP99MsQuery(),
            settings.freshnessQuery(),
            settings.targetLabel(),
            settings.queryTimeout(),
            settings.rangeStep(),
            settings.staleAfter(),
            null);

    assertThatThrownBy(() -> perTarget(broken))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("cannot read errors")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("bad_data");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void stoppedPrometheusMakesTelemetryUnavailable() throws InterruptedException {
    prometheus.close();

    assertThatThrownBy(() -> perTarget(settings))
        .isInstanceOf(TelemetryUnavailableException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining(settings.baseUrl().toString());
  }

  private static Map<String, TargetTelemetry> perTarget(PrometheusSettings settings) {
    Instant to = Instant.now();
    return new PrometheusTelemetrySource(settings).perTarget(ASKED, to.minus(WINDOW), to);
  }

  /** Waits until every exported target has been scraped often enough for windows to hold data. */
  private static void awaitScrapes() throws InterruptedException {
    PrometheusClient client = new PrometheusClient(prometheus.baseUrl(), Duration.ofSeconds(5));
    String query = "count(count_over_time(up[1m]) >= %d)".formatted(SCRAPES_BEFORE_TESTING);
    Instant deadline = Instant.now().plus(DATA_WITHIN);
    while (Instant.now().isBefore(deadline)) {
      List<Series> answer = client.instant(query, Instant.now());
      if (!answer.isEmpty() && answer.get(0).samples().get(0).value() >= TARGETS.size()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Prometheus did not scrape every target %d times within %s; its log:%n%s"
            .formatted(SCRAPES_BEFORE_TESTING, DATA_WITHIN, prometheus.logTail()));
  }

  private static String config(ScrapedFleet fleet) {
    StringBuilder yaml =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
            """);
    for (int i = 0; i < fleet.targets().size(); i++) {
      // One job per target, so the target label also lands on its `up` series.
      yaml.append(
          """
            - job_name: 'target-%d'
              honor_labels: true
              metrics_path: '%s'
              static_configs:
                - targets: ['%s']
                  labels:
                    target: '%s'
          """
              .formatted(
                  i,
                  ScrapedFleet.metricsPath(i),
                  fleet.address(),
                  fleet.targets().get(i).id().replace("'", "''")));
    }
    return yaml.toString();
  }
}
