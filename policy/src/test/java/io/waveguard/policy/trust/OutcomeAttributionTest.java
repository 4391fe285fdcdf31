package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.trust.OutcomeAttribution.Attribution;
import io.waveguard.policy.trust.OutcomeAttribution.Evidence;
import io.waveguard.policy.trust.OutcomeAttribution.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeAttributionTest {

  private final OutcomeAttribution attribution = new OutcomeAttribution();

  private static Evidence evidence(String id, long requests, long errors, double baseline) {
    return new Evidence(id, requests, errors, baseline);
  }

  /** {@code count} targets of 10,000 requests at a 1 % baseline with the given error counts. */
  private static List<Evidence> cohort(long... errors) {
    List<Evidence> cohort = new ArrayList<>();
    for (int i = 0; i < errors.length; i++) {
      cohort.add(evidence("t" + i, 10_000, errors[i], 0.01));
    }
    return cohort;
  }

  private static Verdict verdictOf(List<Attribution> attributions, String id) {
    return attributions.stream()
        .filter(a -> a.targetId().equals(id))
        .findFirst()
        .orElseThrow()
        .verdict();
  }

  // ---- release effect -------------------------------------------------------------------------

  @Test
  void releaseEffectIsCohortErrorsOverWhatTheBaselinesPredict() {
    // expected = 1,000 × 0.01 + 2,000 × 0.005 = 20; errors = 20 + 30 = 50; R = 50 / 20 = 2.5
    List<Evidence> deployed =
        List.of(evidence("a", 1_000, 20, 0.01), evidence("b", 2_000, 30, 0.005));

    assertThat(attribution.releaseEffect(deployed)).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void releaseEffectFloorsTinyBaselines() {
    // baseline 0.0001 counts as the 0.001 floor: expected = 4,000 × 0.001 = 4; R = 6 / 4 = 1.5
    List<Evidence> deployed = List.of(evidence("a", 4_000, 6, 0.0001));

    assertThat(attribution.releaseEffect(deployed)).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void releaseEffectIsNeutralWithoutTraffic() {
    assertThat(attribution.releaseEffect(List.of())).isEqualTo(1.0);
    assertThat(attribution.releaseEffect(List.of(evidence("a", 0, 0, 0.01)))).isEqualTo(1.0);
  }

  // ---- verdicts -------------------------------------------------------------------------------

  @Test
  void aHealthyTargetOfACompletedReleaseIsGood() {
    List<Attribution> result = attribution.attribute(true, cohort(100, 95, 105));

    assertThat(result).extracting(Attribution::verdict).containsOnly(Verdict.GOOD);
    assertThat(result.get(0).reason()).startsWith("took the release cleanly");
    assertThat(result).extracting(Attribution::targetId).containsExactly("t0", "t1", "t2");
  }

  @Test
  void aTargetTenTimesItsBaselineWhileOthersStayAtBaselineIsBadEvenOnACompletedRelease() {
    // R = (4 × 100 + 1,000) / (5 × 100) = 2.8; t4 expects 280, shows 1,000 >= 2 × 280
    List<Evidence> deployed = cohort(100, 100, 100, 100, 1_000);
    assertThat(attribution.releaseEffect(deployed)).isCloseTo(2.8, within(1e-12));

    List<Attribution> result = attribution.attribute(true, deployed);

    assertThat(verdictOf(result, "t4")).isEqualTo(Verdict.BAD);
    assertThat(result.get(4).reason())
        .startsWith("degraded beyond the release's effect")
        .contains("1000 errors in 10000 requests")
        .contains("280.0 expected")
        .contains("release effect 2.80");
    assertThat(result.subList(0, 4)).extracting(Attribution::verdict).containsOnly(Verdict.GOOD);
  }

  @Test
  void theSameOutlierIsBadOnARolledBackReleaseWhileTheOthersGetNoVerdict() {
    List<Attribution> result = attribution.attribute(false, cohort(100, 100, 100, 100, 1_000));

    assertThat(result)
        .extracting(Attribution::verdict)
        .containsExactly(Verdict.NONE, Verdict.NONE, Verdict.NONE, Verdict.NONE, Verdict.BAD);
  }

  @Test
  void aFaultyReleaseThatMovedEveryTargetBlamesNoTarget() {
    // Every target near 10× its baseline: R = 5,000 / 500 = 10, each expects 1,000.
    List<Evidence> deployed = cohort(1_000, 980, 1_020, 1_010, 990);
    assertThat(attribution.releaseEffect(deployed)).isCloseTo(10.0, within(1e-12));

    List<Attribution> rolledBack = attribution.attribute(false, deployed);

    assertThat(rolledBack).extracting(Attribution::verdict).containsOnly(Verdict.NONE);
    assertThat(rolledBack)
        .allSatisfy(a -> assertThat(a.reason()).contains("the fault is the release's"));
  }

  @Test
  void aSignificantButImmaterialExcessIsNotBad() {
    // 10 targets of 100,000 requests at 1 %: nine at 1,000 errors, one at 1,500.
    // R = 10,500 / 10,000 = 1.05, so t9 expects 1,050: 1,500 is far beyond chance but < 2 × 1,050.
    List<Evidence> deployed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      deployed.add(evidence("t" + i, 100_000, i == 9 ? 1_500 : 1_000, 0.01));
    }

    assertThat(OutcomeAttribution.poissonUpperTail(1_050, 1_500)).isLessThan(0.001);
    assertThat(verdictOf(attribution.attribute(true, deployed), "t9")).isEqualTo(Verdict.GOOD);
  }

  @Test
  void aTargetWithTooFewRequestsGetsNoVerdictWhateverItsErrors() {
    List<Evidence> deployed = new ArrayList<>(cohort(100, 100, 100));
    deployed.add(evidence("thin", 99, 99, 0.01));

    List<Attribution> completed = attribution.attribute(true, deployed);
    List<Attribution> rolledBack = attribution.attribute(false, deployed);

    assertThat(verdictOf(completed, "thin")).isEqualTo(Verdict.NONE);
    assertThat(verdictOf(rolledBack, "thin")).isEqualTo(Verdict.NONE);
    assertThat(completed.get(3).reason())
        .isEqualTo("99 requests, fewer than the 100 needed to judge");
  }

  @Test
  void theThresholdsComeFromTheParameters() {
    // With a 1.5× material ratio and a looser significance the immaterial excess above counts.
    OutcomeAttribution sensitive =
        new OutcomeAttribution(new OutcomeAttribution.Parameters(100, 0.01, 1.4, 0.001));
    List<Evidence> deployed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      deployed.add(evidence("t" + i, 100_000, i == 9 ? 1_500 : 1_000, 0.01));
    }

    assertThat(verdictOf(sensitive.attribute(true, deployed), "t9")).isEqualTo(Verdict.BAD);
  }

  // ---- Poisson tail ---------------------------------------------------------------------------

  @Test
  void poissonUpperTailMatchesHandComputedValues() {
    // P(X >= 5 | mean 2) = 1 − e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 1 − 7 e^-2
    assertThat(OutcomeAttribution.poissonUpperTail(2, 5))
        .isCloseTo(1 - 7 * Math.exp(-2), within(1e-12))
        .isCloseTo(0.05265, within(1e-5));
    // P(X >= 1 | mean 3) = 1 − e^-3
    assertThat(OutcomeAttribution.poissonUpperTail(3, 1)).isCloseTo(0.950213, within(1e-6));
    // P(X >= 20 | mean 10), summed by hand in double precision
    assertThat(OutcomeAttribution.poissonUpperTail(10, 20)).isCloseTo(0.0034543, within(1e-7));
  }

  @Test
  void poissonUpperTailOfZeroOrFewerIsCertain() {
    assertThat(OutcomeAttribution.poissonUpperTail(2, 0)).isEqualTo(1.0);
    assertThat(OutcomeAttribution.poissonUpperTail(500, -1)).isEqualTo(1.0);
  }

  @Test
  void poissonUpperTailUsesAContinuityCorrectedNormalForLargeMeans() {
    // mean 400, k 460: z = (460 − 0.5 − 400) / 20 = 2.975, P(Z > z) = 0.0014649
    assertThat(OutcomeAttribution.poissonUpperTail(400, 460)).isCloseTo(0.0014649, within(1e-6));
    assertThat(OutcomeAttribution.poissonUpperTail(400, 5_000)).isCloseTo(0, within(1e-15));
  }

  @Test
  void poissonUpperTailDecreasesInK() {
    double previous = 1.0;
    for (long k = 0; k <= 30; k++) {
      double tail = OutcomeAttribution.poissonUpperTail(8, k);
      assertThat(tail).isLessThanOrEqualTo(previous).isBetween(0.0, 1.0);
      previous = tail;
    }
  }
}
