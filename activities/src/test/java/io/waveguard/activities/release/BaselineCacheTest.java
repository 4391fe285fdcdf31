package io.waveguard.activities.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.telemetry.TargetTelemetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A release's baselines are read once per window; a later gate reads only targets new to it. */
class BaselineCacheTest {

  private static final Instant FROM = Instant.parse("2026-03-01T09:15:00Z");
  private static final Instant TO = Instant.parse("2026-03-01T10:00:00Z");

  /** A read that answers every id but "silent", and records what it was asked. */
  private final List<List<String>> asked = new ArrayList<>();

  private final Function<List<String>, Map<String, TargetTelemetry>> read =
      ids -> {
        asked.add(List.copyOf(ids));
        Map<String, TargetTelemetry> answer = new LinkedHashMap<>();
        for (String id : ids) {
          if (!id.equals("silent")) {
            answer.put(id, new TargetTelemetry(id, 1000, 2, 0, 1.0, List.of(80.0)));
          }
        }
        return answer;
      };

  @Test
  void aLaterGateOfTheReleaseReadsOnlyTargetsNotAskedForBeforeAndAnswersTheSame() {
    BaselineCache cache = new BaselineCache();

    Map<String, TargetTelemetry> first =
        cache.baselines("rel", FROM, TO, List.of("a", "b", "silent"), read);
    Map<String, TargetTelemetry> later =
        cache.baselines("rel", FROM, TO, List.of("b", "silent"), read);
    Map<String, TargetTelemetry> grown = cache.baselines("rel", FROM, TO, List.of("a", "c"), read);

    assertThat(first).containsOnlyKeys("a", "b");
    assertThat(later).containsOnlyKeys("b").containsEntry("b", first.get("b"));
    assertThat(grown).containsOnlyKeys("a", "c");
    // "silent" had no telemetry: known to have none, not asked for again.
    assertThat(asked).containsExactly(List.of("a", "b", "silent"), List.of("c"));
  }

  @Test
  void anotherReleaseOrWindowIsReadOnItsOwn() {
    BaselineCache cache = new BaselineCache();

    cache.baselines("rel", FROM, TO, List.of("a"), read);
    cache.baselines("other", FROM, TO, List.of("a"), read);
    cache.baselines("rel", FROM.minusSeconds(60), TO, List.of("a"), read);

    assertThat(asked).hasSize(3);
  }

  @Test
  void beyondItsBoundTheLeastRecentlyGatedReleaseIsDroppedAndReadAgain() {
    BaselineCache cache = new BaselineCache(3);

    cache.baselines("old", FROM, TO, List.of("a", "b"), read);
    cache.baselines("new", FROM, TO, List.of("c", "d"), read);
    assertThat(cache.heldTargets()).isEqualTo(2);

    cache.baselines("new", FROM, TO, List.of("c"), read);
    cache.baselines("old", FROM, TO, List.of("a"), read);

    assertThat(asked)
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("a"))
        .as("'new' was still held; 'old' had been dropped");
  }
}
