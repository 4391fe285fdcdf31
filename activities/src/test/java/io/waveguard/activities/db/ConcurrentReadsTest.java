package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How fleet-sized reads are split across connections, and that a split read answers the same. */
class ConcurrentReadsTest {

  @Test
  void aReadIsSplitOnlyWhenEveryPartGetsEnoughTargetsAndNeverBeyondTheCoresOrTheCap() {
    assertThat(ConcurrentReads.parts(0, 8)).isEqualTo(1);
    assertThat(ConcurrentReads.parts(2 * ConcurrentReads.MIN_PART - 1, 8)).isEqualTo(1);
    assertThat(ConcurrentReads.parts(2 * ConcurrentReads.MIN_PART, 8)).isEqualTo(2);
    assertThat(ConcurrentReads.parts(100_000, 2)).isEqualTo(2);
    assertThat(ConcurrentReads.parts(100_000, 1)).isEqualTo(1);
    assertThat(ConcurrentReads.parts(1_000_000, 64)).isEqualTo(ConcurrentReads.MAX_PARTS);
  }

  @Test
  void aSplitReadAsksForEveryIdOnceAndAnswersAsTheWholeReadWould() {
    List<String> ids = ids(25_001);
    Set<String> asked = ConcurrentHashMap.newKeySet();
    List<Integer> partSizes = Collections.synchronizedList(new ArrayList<>());

    Map<String, Integer> read =
        ConcurrentReads.byTarget(
            ids,
            part -> {
              partSizes.add(part.size());
              Map<String, Integer> answer = new LinkedHashMap<>();
              for (String id : part) {
                assertThat(asked.add(id)).as("%s asked twice", id).isTrue();
                answer.put(id, id.length());
              }
              return answer;
            });

    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(partSizes).hasSize(ConcurrentReads.parts(ids.size(), cores));
    assertThat(asked).hasSize(ids.size());
    assertThat(read.keySet()).containsExactlyElementsOf(ids);
  }

  @Test
  void aFailingPartFailsTheReadWithItsOwnException() {
    List<String> ids = ids(4 * ConcurrentReads.MIN_PART);
    String last = ids.get(ids.size() - 1);

    assertThatThrownBy(
            () ->
                ConcurrentReads.byTarget(
                    ids,
                    part -> {
                      if (part.contains(last)) {
                        throw new IllegalStateException("part with " + last + " failed");
                      }
                      return Map.of();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("part with " + last + " failed");
  }

  @Test
  void aReadAlongsideRunsNowForAFewTargetsAndRethrowsItsOwnFailure() {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[1];
    Integer answer =
        ConcurrentReads.joined(
            ConcurrentReads.alongside(
                10,
                () -> {
                  ranOn[0] = Thread.currentThread();
                  return 42;
                }));
    assertThat(answer).isEqualTo(42);
    assertThat(ranOn[0]).isSameAs(caller);

    assertThatThrownBy(
            () ->
                ConcurrentReads.joined(
                    ConcurrentReads.alongside(
                        2 * ConcurrentReads.MIN_PART,
                        () -> {
                          throw new IllegalArgumentException("outcomes unreadable");
                        })))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outcomes unreadable");
  }

  private static List<String> ids(int count) {
    return IntStream.range(0, count).mapToObj(i -> "t-%06d".formatted(i)).toList();
  }
}
