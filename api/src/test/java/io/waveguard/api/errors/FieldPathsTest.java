package io.waveguard.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import io.waveguard.api.dto.SelectorRequest;
import io.waveguard.api.dto.TelemetryBatchRequest;
import io.waveguard.api.dto.TelemetrySampleRequest;
import jakarta.validation.ConstraintViolation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Validation paths read like the JSON the client sent. */
class FieldPathsTest {

  @Test
  void elementsOfListsAreIndexed() {
    TelemetrySampleRequest good =
        new TelemetrySampleRequest(
            "t-1", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), 10L, 0L, null, null, null);
    TelemetrySampleRequest bad =
        new TelemetrySampleRequest(" ", Instant.EPOCH, null, -1L, 0L, null, null, null);

    Set<String> paths = paths(new TelemetryBatchRequest(List.of(good, bad)));

    assertThat(paths)
        .containsExactly("samples[1].requests", "samples[1].targetId", "samples[1].windowEnd");
  }

  @Test
  void elementsOfMapsAreKeyed() {
    SelectorRequest selector = new SelectorRequest(List.of("eu", ""), null, Map.of("", "x"));

    assertThat(paths(selector)).contains("segments[1]");
  }

  private static Set<String> paths(Object bean) {
    Set<ConstraintViolation<Object>> violations = Validators.newValidator().validate(bean);
    return violations.stream()
        .map(v -> FieldPaths.of(v.getPropertyPath()))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
