package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import io.waveguard.api.dto.TelemetryBatchRequest;
import io.waveguard.api.dto.TelemetrySampleRequest;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain checks that let a telemetry batch skip Bean Validation pass only what the validator
 * passes, and pass what it passes but for the values whose answer they leave to it (NaN).
 */
class TelemetryPlainCheckTest {

  private static final Validator VALIDATOR = Validators.newValidator();

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private static final List<String> IDS =
      values("t-1", "", " ", "\t", " x ", "\u2003", "x".repeat(128), "x".repeat(129), null);
  private static final List<Long> COUNTS = values(0L, 7L, -1L, Long.MIN_VALUE, null);
  private static final List<Double> LATENCIES =
      values(
          120.5,
          0.0,
          -0.0,
          -1e-9,
          Double.MIN_VALUE,
          86_400_000.0,
          Math.nextUp(86_400_000.0),
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.NaN,
          null);
  private static final List<String> VERSIONS =
      values("2.0", "", " ", "v".repeat(128), "v".repeat(129), null);

  @Test
  void plainlyValidSamplesAreExactlyTheOnesBeanValidationPasses() {
    SplittableRandom random = new SplittableRandom(14);
    int plain = 0;
    for (int n = 0; n < 20_000; n++) {
      TelemetrySampleRequest sample =
          new TelemetrySampleRequest(
              pick(random, IDS),
              random.nextInt(8) == 0 ? null : T0,
              random.nextInt(8) == 0 ? null : T0.plusSeconds(60),
              pick(random, COUNTS),
              pick(random, COUNTS),
              pick(random, LATENCIES),
              pick(random, COUNTS),
              pick(random, VERSIONS));
      boolean valid = VALIDATOR.validate(sample).isEmpty();
      if (sample.plainlyValid()) {
        plain++;
        assertThat(valid).as(sample.toString()).isTrue();
      } else if (sample.latencyP99Ms() == null || !sample.latencyP99Ms().isNaN()) {
        assertThat(valid).as(sample.toString()).isFalse();
      }
    }
    assertThat(plain).as("samples the plain checks passed").isGreaterThan(100);
  }

  @Test
  void aBatchIsPlainlyValidWhenItsSizeAndEverySampleAre() {
    TelemetrySampleRequest good =
        new TelemetrySampleRequest("t-1", T0, T0.plusSeconds(60), 10L, 1L, 80.0, null, null);
    TelemetrySampleRequest bad =
        new TelemetrySampleRequest("t-1", T0, T0.plusSeconds(60), -1L, 1L, 80.0, null, null);
    List<TelemetrySampleRequest> withNull = new ArrayList<>(List.of(good));
    withNull.add(null);

    for (List<TelemetrySampleRequest> samples :
        List.of(
            List.of(good),
            List.of(good, bad),
            withNull,
            List.<TelemetrySampleRequest>of(),
            Collections.nCopies(TelemetryBatchRequest.MAX_SAMPLES, good),
            Collections.nCopies(TelemetryBatchRequest.MAX_SAMPLES + 1, good))) {
      TelemetryBatchRequest batch = new TelemetryBatchRequest(samples);
      assertThat(batch.plainlyValid())
          .as("%d samples", samples.size())
          .isEqualTo(VALIDATOR.validate(batch).isEmpty());
    }
    assertThat(new TelemetryBatchRequest(null).plainlyValid()).isFalse();
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A list that may hold null, which List.of refuses. */
  @SafeVarargs
  private static <T> List<T> values(T... values) {
    return Arrays.asList(values);
  }
}
