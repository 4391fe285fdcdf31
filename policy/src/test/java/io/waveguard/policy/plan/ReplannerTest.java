package io.waveguard.policy.plan;

import static io.waveguard.policy.plan.PlanFixtures.fleet;
import static io.waveguard.policy.plan.PlanFixtures.target;
import static io.waveguard.policy.plan.PlanFixtures.trust;
import static io.waveguard.policy.plan.PlanFixtures.trustFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplannerTest {

  private static final TrustScore PRIOR =
      TrustWeightedPlanner.noEvidence(TrustParameters.defaults());
  private static final TrustPlanParameters PARAMETERS = TrustPlanParameters.defaults();
  private static final Replanner REPLANNER = new Replanner(PARAMETERS, PRIOR);

  // Deployed: one low target (impact 1) and one standard target (impact 3).
  private static final Target L1 = target("l1", Tier.LOW, 1);
  private static final Target S0 = target("s0", Tier.STANDARD, 1);
  private static final List<Target> DEPLOYED = List.of(L1, S0);

  // Remaining: two standard waves of two, then one finance-critical wave of two.
  private static final Target S1 = target("s1", Tier.STANDARD, 1);
  private static final Target S2 = target("s2", Tier.STANDARD, 1);
  private static final Target S3 = target("s3", Tier.STANDARD, 1);
  private static final Target S4 = target("s4", Tier.STANDARD, 1);
  private static final Target F1 = target("f1", Tier.FINANCE_CRITICAL, 1);
  private static final Target F2 = target("f2", Tier.FINANCE_CRITICAL, 1);
  private static final List<PlannedWave> REMAINING =
      List.of(
          new PlannedWave(3, List.of(S1, S2), "standard first"),
          new PlannedWave(4, List.of(S3, S4), "standard second"),
          new PlannedWave(5, List.of(F1, F2), "finance"));

  private static List<String> ids(PlannedWave wave) {
    return wave.targets().stream().map(Target::id).toList();
  }

  private static List<String> ids(List<PlannedWave> waves) {
    return waves.stream().flatMap(w -> w.targets().stream()).map(Target::id).toList();
  }

  private static List<WaveSummary> shape(List<PlannedWave> waves) {
    return waves.stream().map(PlannedWave::summary).toList();
  }

  /** Fresh trust where everything is well trusted (0.9) except what {@code overrides} says. */
  private static Map<String, TrustScore> freshTrust(Map<String, Double> overrides) {
    Map<String, TrustScore> scores = new HashMap<>();
    for (Target t : List.of(L1, S0, S1, S2, S3, S4, F1, F2)) {
      scores.put(t.id(), trust(overrides.getOrDefault(t.id(), 0.9), 20));
    }
    return scores;
  }

  @Test
  void aTargetWhoseTrustDroppedMovesToALaterWaveOfItsTier() {
    Replan replan =
        REPLANNER.replan(REMAINING, DEPLOYED, freshTrust(Map.of("s1", 0.1)), 10_000, 1_000);

    // s2, s3, s4 tie on risk and evidence, so the id orders them; s1 now has the highest risk.
    assertThat(ids(replan.waves().get(0))).containsExactly("s2", "s3");
    assertThat(ids(replan.waves().get(1))).containsExactly("s4", "s1");
    assertThat(ids(replan.waves().get(2))).containsExactlyInAnyOrder("f1", "f2");
    assertThat(replan.movedTargets()).isEqualTo(2);
    assertThat(replan.reason())
        .contains("re-planned 3 remaining waves")
        .contains("2 targets moved");
  }

  @Test
  void aTargetNeverLeavesItsTierSegmentHoweverLowItsTrust() {
    Replan replan =
        REPLANNER.replan(
            REMAINING, DEPLOYED, freshTrust(Map.of("f1", 0.99, "s1", 0.0)), 10_000, 1_000);

    assertThat(ids(replan.waves().get(2))).containsExactlyInAnyOrder("f1", "f2");
    assertThat(replan.waves().subList(0, 2))
        .allSatisfy(
            w -> assertThat(w.targets()).extracting(Target::tier).containsOnly(Tier.STANDARD));
  }

  @Test
  void unchangedTrustMovesNobodyAndKeepsThePlan() {
    Replan replan = REPLANNER.replan(REMAINING, DEPLOYED, freshTrust(Map.of()), 10_000, 1_000);

    assertThat(replan.movedTargets()).isZero();
    assertThat(ids(replan.waves())).containsExactly("s1", "s2", "s3", "s4", "f1", "f2");
    assertThat(replan.hold()).isEmpty();
  }

  @Test
  void keepsIndicesSizesAndTiersOfEveryRemainingWaveAndPlacesEveryTargetOnce() {
    List<Target> targets = fleet(1_200, 31);
    List<PlannedWave> plan =
        new TrustWeightedPlanner(PARAMETERS, PRIOR).plan(targets, trustFor(targets, 32)).waves();
    assertThat(plan.size()).isGreaterThan(3);
    List<PlannedWave> deployedWaves = plan.subList(0, 2);
    List<PlannedWave> remaining = plan.subList(2, plan.size());
    List<Target> deployed = deployedWaves.stream().flatMap(w -> w.targets().stream()).toList();

    Replan replan = REPLANNER.replan(remaining, deployed, trustFor(targets, 99), 50_000, 1_000);

    assertThat(shape(replan.waves()))
        .extracting(WaveSummary::index, WaveSummary::targetCount, WaveSummary::highestTier)
        .containsExactlyElementsOf(
            shape(remaining).stream()
                .map(s -> tuple(s.index(), s.targetCount(), s.highestTier()))
                .toList());
    assertThat(ids(replan.waves()))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids(remaining));
    for (PlannedWave wave : replan.waves()) {
      Tier tier = wave.summary().highestTier();
      assertThat(wave.targets()).extracting(Target::tier).containsOnly(tier);
    }
    assertThat(replan.movedTargets()).isPositive();
  }

  @Test
  void sameInputsGiveTheSameReplan() {
    List<Target> targets = fleet(800, 41);
    List<PlannedWave> plan =
        new TrustWeightedPlanner(PARAMETERS, PRIOR).plan(targets, trustFor(targets, 42)).waves();
    List<PlannedWave> remaining = plan.subList(1, plan.size());
    List<Target> deployed = plan.get(0).targets();
    Map<String, TrustScore> fresh = trustFor(targets, 43);

    Replan first = REPLANNER.replan(remaining, deployed, fresh, 5_000, 1_000);
    Replan second = REPLANNER.replan(remaining, deployed, Map.copyOf(fresh), 5_000, 1_000);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void equallyTrustedTargetsAreOrderedById() {
    Target a = target("a", Tier.STANDARD, 1);
    Target b = target("b", Tier.STANDARD, 1);
    Target c = target("c", Tier.STANDARD, 1);
    Target d = target("d", Tier.STANDARD, 1);
    List<PlannedWave> remaining =
        List.of(new PlannedWave(2, List.of(d, c), "w2"), new PlannedWave(3, List.of(b, a), "w3"));
    Map<String, TrustScore> same =
        Map.of("a", trust(0.8, 10), "b", trust(0.8, 10), "c", trust(0.8, 10), "d", trust(0.8, 10));

    Replan replan = REPLANNER.replan(remaining, List.of(S0), same, 10_000, 1_000);

    assertThat(ids(replan.waves().get(0))).containsExactly("a", "b");
    assertThat(ids(replan.waves().get(1))).containsExactly("c", "d");
    assertThat(replan.movedTargets()).isEqualTo(4);
  }

  @Test
  void targetsWithoutFreshTrustAreRankedOnThePrior() {
    // Only s1 has a (high) score; the others fall back to the prior, whose lower bound is lower.
    assertThat(PRIOR.lowerBound()).isLessThan(0.99);
    List<PlannedWave> remaining =
        List.of(new PlannedWave(3, List.of(S2), "w3"), new PlannedWave(4, List.of(S1), "w4"));

    Replan replan = REPLANNER.replan(remaining, List.of(S0), Map.of("s1", trust(0.99, 50)), 0, 0);

    assertThat(ids(replan.waves())).containsExactly("s1", "s2");
  }

  // ---- tier entry -----------------------------------------------------------------------------

  private static final List<PlannedWave> FINANCE_NEXT =
      List.of(new PlannedWave(3, List.of(F1, F2), "finance"));

  @Test
  void enteringFinanceCriticalHoldsWhileTheCohortsWeightedTrustIsBelowThreshold() {
    // (1 × 0.9 + 3 × 0.6) / (1 + 3) = 0.675 < 0.7
    Map<String, TrustScore> scores = freshTrust(Map.of("s0", 0.6));

    Replan replan = REPLANNER.replan(FINANCE_NEXT, DEPLOYED, scores, 10_000, 1_000);

    assertThat(replan.cohortTrust()).isCloseTo(0.675, within(1e-12));
    assertThat(replan.hold())
        .hasValueSatisfying(
            hold ->
                assertThat(hold)
                    .contains("wave 3 enters tier finance-critical")
                    .contains("trust >= 0.700")
                    .contains("the cohort has 0.675"));
    assertThat(replan.reason()).contains("deployed cohort trust 0.675 over 2 targets");
  }

  @Test
  void enteringFinanceCriticalGoesAheadOnceTheCohortsWeightedTrustMeetsThreshold() {
    // (1 × 0.9 + 3 × 0.7) / (1 + 3) = 0.75 >= 0.7
    Map<String, TrustScore> scores = freshTrust(Map.of("s0", 0.7));

    Replan replan = REPLANNER.replan(FINANCE_NEXT, DEPLOYED, scores, 10_000, 1_000);

    assertThat(replan.cohortTrust()).isCloseTo(0.75, within(1e-12));
    assertThat(replan.hold()).isEmpty();
  }

  @Test
  void theCohortTrustIsWeightedByImpactNotAPlainMean() {
    // Plain mean (0.95 + 0.5) / 2 = 0.725 would pass; weighted (0.95 + 3 × 0.5) / 4 = 0.6125 does
    // not.
    Map<String, TrustScore> scores = freshTrust(Map.of("l1", 0.95, "s0", 0.5));

    Replan replan = REPLANNER.replan(FINANCE_NEXT, DEPLOYED, scores, 10_000, 1_000);

    assertThat(replan.cohortTrust()).isCloseTo(0.6125, within(1e-12));
    assertThat(replan.hold()).isPresent();
  }

  @Test
  void noHoldWhenTheNextWaveStaysInAnAlreadyDeployedTier() {
    // The cohort is far below the standard threshold (0.5), but standard was already entered.
    Map<String, TrustScore> scores = freshTrust(Map.of("l1", 0.1, "s0", 0.1));

    Replan replan = REPLANNER.replan(REMAINING, DEPLOYED, scores, 0, 1_000);

    assertThat(replan.cohortTrust()).isCloseTo(0.1, within(1e-12));
    assertThat(replan.hold()).isEmpty();
  }

  @Test
  void holdsForEvidenceWhenTheCohortServedTooFewRequestsBeforeAThresholdedTier() {
    Map<String, TrustScore> scores = freshTrust(Map.of()); // cohort 0.9 >= 0.7

    Replan replan = REPLANNER.replan(FINANCE_NEXT, DEPLOYED, scores, 999, 1_000);

    assertThat(replan.hold())
        .hasValueSatisfying(
            hold ->
                assertThat(hold)
                    .contains("wave 3 enters tier finance-critical")
                    .contains("needs 1000 requests of evidence")
                    .contains("served 999"));
    assertThat(REPLANNER.replan(FINANCE_NEXT, DEPLOYED, scores, 1_000, 1_000).hold()).isEmpty();
  }

  @Test
  void noEvidenceHoldForATierWithoutThreshold() {
    Replanner lenient =
        new Replanner(
            PARAMETERS.withThresholds(Map.of(Tier.STANDARD, 0.0, Tier.FINANCE_CRITICAL, 0.7)),
            PRIOR);
    List<PlannedWave> standardNext = List.of(new PlannedWave(2, List.of(S1), "standard"));

    Replan replan = lenient.replan(standardNext, List.of(L1), freshTrust(Map.of()), 0, 1_000);

    assertThat(replan.hold()).isEmpty();
  }

  @Test
  void anEmptyDeployedCohortCannotEnterAThresholdedTier() {
    List<PlannedWave> standardFirst = List.of(new PlannedWave(1, List.of(S1), "standard"));

    Replan replan = REPLANNER.replan(standardFirst, List.of(), freshTrust(Map.of()), 0, 0);

    assertThat(replan.cohortTrust()).isZero();
    assertThat(replan.hold())
        .hasValueSatisfying(h -> assertThat(h).contains("the cohort has 0.000"));
  }

  @Test
  void noRemainingWavesMeansNoHold() {
    Replan replan = REPLANNER.replan(List.of(), DEPLOYED, freshTrust(Map.of("s0", 0.0)), 0, 1_000);

    assertThat(replan.waves()).isEmpty();
    assertThat(replan.hold()).isEmpty();
  }

  @Test
  void tierEntryHoldOnItsOwnAgreesWithReplan() {
    PlannedWave finance = FINANCE_NEXT.get(0);
    PlannedWave standard = REMAINING.get(0);
    record Case(PlannedWave next, Map<String, TrustScore> trust, long requests) {}
    List<Case> cases =
        List.of(
            new Case(finance, freshTrust(Map.of("s0", 0.6)), 10_000),
            new Case(finance, freshTrust(Map.of("s0", 0.7)), 10_000),
            new Case(finance, freshTrust(Map.of()), 10),
            new Case(standard, freshTrust(Map.of("l1", 0.0, "s0", 0.0)), 0));

    for (Case c : cases) {
      Optional<String> alone =
          REPLANNER.tierEntryHold(c.next(), DEPLOYED, c.trust(), c.requests(), 1_000);
      Optional<String> viaReplan =
          REPLANNER.replan(List.of(c.next()), DEPLOYED, c.trust(), c.requests(), 1_000).hold();
      assertThat(alone).isEqualTo(viaReplan);
    }
    assertThat(
            REPLANNER.tierEntryHold(
                finance, DEPLOYED, freshTrust(Map.of("s0", 0.6)), 10_000, 1_000))
        .hasValueSatisfying(h -> assertThat(h).contains("the cohort has 0.675"));
    assertThat(
            REPLANNER.tierEntryHold(
                finance, DEPLOYED, freshTrust(Map.of("s0", 0.7)), 10_000, 1_000))
        .isEmpty();
    assertThat(REPLANNER.tierEntryHold(finance, DEPLOYED, freshTrust(Map.of()), 10, 1_000))
        .hasValueSatisfying(h -> assertThat(h).contains("served 10"));
    assertThat(REPLANNER.tierEntryHold(standard, DEPLOYED, freshTrust(Map.of("s0", 0.0)), 0, 1_000))
        .isEmpty();
  }

  @Test
  void aCohortWithoutImpactFallsBackToThePlainMeanOfItsTrust() {
    // Size 0 means impact 0 for both: (0.8 + 0.6) / 2 = 0.7 >= 0.5 (standard).
    List<Target> weightless = List.of(target("z1", Tier.LOW, 0), target("z2", Tier.LOW, 0));
    Map<String, TrustScore> scores = new HashMap<>(freshTrust(Map.of()));
    scores.put("z1", trust(0.8, 10));
    scores.put("z2", trust(0.6, 10));

    Replan replan = REPLANNER.replan(List.of(REMAINING.get(0)), weightless, scores, 10_000, 1_000);

    assertThat(replan.cohortTrust()).isCloseTo(0.7, within(1e-12));
    assertThat(replan.hold()).isEmpty();
  }
}
