package io.waveguard.policy.plan;

import static io.waveguard.policy.plan.PlanFixtures.fleet;
import static io.waveguard.policy.plan.PlanFixtures.target;
import static io.waveguard.policy.plan.PlanFixtures.trust;
import static io.waveguard.policy.plan.PlanFixtures.trustFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrustWeightedPlannerTest {

  private static final TrustScore PRIOR =
      TrustWeightedPlanner.noEvidence(TrustParameters.defaults());
  private static final TrustPlanParameters PARAMETERS = TrustPlanParameters.defaults();
  private static final TrustWeightedPlanner PLANNER = new TrustWeightedPlanner(PARAMETERS, PRIOR);

  private static List<String> ids(List<PlannedWave> waves) {
    return waves.stream().flatMap(w -> w.targets().stream()).map(Target::id).toList();
  }

  @Test
  void theFirstWaveIntoEveryLaterTierIsAProbeOfTenPercentOfThatTier() {
    List<Target> targets = fleet(2_000, 7);
    TrustPlan plan = PLANNER.plan(targets, trustFor(targets, 8));

    for (Tier tier : List.of(Tier.STANDARD, Tier.FINANCE_CRITICAL, Tier.SAFETY_CRITICAL)) {
      double tierImpact =
          targets.stream().filter(t -> t.tier() == tier).mapToDouble(Target::impact).sum();
      double largest =
          targets.stream()
              .filter(t -> t.tier() == tier)
              .mapToDouble(Target::impact)
              .max()
              .orElse(0);
      PlannedWave probe =
          plan.waves().stream()
              .filter(w -> w.targets().get(0).tier() == tier)
              .findFirst()
              .orElseThrow();
      double probeImpact = probe.targets().stream().mapToDouble(Target::impact).sum();
      // At most 10 % of the tier, give or take the one target that crosses the line.
      assertThat(probeImpact).as(tier.wireName()).isLessThanOrEqualTo(0.1 * tierImpact + largest);
      assertThat(probe.reason()).contains("probe wave, 10.0% of its impact");
    }
  }

  @Test
  void withoutProbesATierEntryWaveRunsToTheNextImpactStep() {
    List<Target> targets = fleet(2_000, 7);
    TrustPlan probed = PLANNER.plan(targets, trustFor(targets, 8));
    TrustPlan plain =
        new TrustWeightedPlanner(PARAMETERS.withTierProbeShare(0), PRIOR)
            .plan(targets, trustFor(targets, 8));

    assertThat(plain.waves().size()).isLessThan(probed.waves().size());
    assertThat(plain.waves()).noneMatch(w -> w.reason().contains("probe"));
  }

  @Test
  void placesEveryTargetExactlyOnceWithAPlacementEach() {
    List<Target> targets = fleet(2_000, 7);
    TrustPlan plan = PLANNER.plan(targets, trustFor(targets, 8));

    List<String> planned = ids(plan.waves());
    assertThat(planned)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(targets.stream().map(Target::id).toList());
    assertThat(plan.placements())
        .extracting(Placement::targetId)
        .containsExactlyElementsOf(planned);
    assertThat(plan.waves())
        .extracting(PlannedWave::index)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, plan.waves().size()).boxed().toList());
    for (PlannedWave wave : plan.waves()) {
      assertThat(wave.reason()).isNotBlank();
      assertThat(plan.placements().stream().filter(p -> p.wave() == wave.index()))
          .extracting(Placement::targetId)
          .containsExactlyElementsOf(wave.targets().stream().map(Target::id).toList());
    }
    assertThat(plan.placements()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
  }

  @Test
  void samePlanForShuffledInput() {
    List<Target> targets = fleet(1_500, 11);
    Map<String, TrustScore> trust = trustFor(targets, 12);
    TrustPlan expected = PLANNER.plan(targets, trust);

    for (long seed = 0; seed < 5; seed++) {
      List<Target> shuffled = new ArrayList<>(targets);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(PLANNER.plan(shuffled, trust)).isEqualTo(expected);
    }
  }

  @Test
  void tiersNeverDecreaseNorMixAndSafetyCriticalComesLast() {
    List<Target> targets = fleet(3_000, 21);
    List<PlannedWave> waves = PLANNER.plan(targets, trustFor(targets, 22)).waves();

    Tier previous = Tier.LOW;
    for (PlannedWave wave : waves) {
      Tier tier = wave.targets().get(0).tier();
      assertThat(wave.targets()).extracting(Target::tier).containsOnly(tier);
      assertThat(tier).isGreaterThanOrEqualTo(previous);
      previous = tier;
    }
    int firstSafety =
        IntStream.range(0, waves.size())
            .filter(i -> waves.get(i).targets().get(0).tier() == Tier.SAFETY_CRITICAL)
            .findFirst()
            .orElseThrow();
    assertThat(waves.subList(firstSafety, waves.size()))
        .allSatisfy(w -> assertThat(w.summary().highestTier()).isEqualTo(Tier.SAFETY_CRITICAL));
  }

  @Test
  void tierWhoseThresholdIsNotReachedStillGoesLastAndSaysSo() {
    List<Target> targets = new ArrayList<>();
    Map<String, TrustScore> scores = new java.util.HashMap<>();
    for (int i = 0; i < 20; i++) {
      targets.add(target("safe-%02d".formatted(i), Tier.SAFETY_CRITICAL, 1));
      scores.put("safe-%02d".formatted(i), trust(0.99, 100)); // safest, yet must wait
      targets.add(target("low-%02d".formatted(i), Tier.LOW, 1));
      scores.put("low-%02d".formatted(i), trust(0.3, 5)); // cohort ends at 0.3 < 0.8
    }
    TrustPlan plan = PLANNER.plan(targets, scores);

    List<PlannedWave> safety =
        plan.waves().stream()
            .filter(w -> w.targets().get(0).tier() == Tier.SAFETY_CRITICAL)
            .toList();
    assertThat(safety).isNotEmpty();
    assertThat(ids(plan.waves()).subList(20, 40)).allMatch(id -> id.startsWith("safe-"));
    assertThat(safety.get(0).reason())
        .contains("deployed cohort trust 0.300")
        .contains("threshold 0.800")
        .contains("threshold not met at plan time");
    assertThat(safety).allSatisfy(w -> assertThat(w.reason()).contains("not met at plan time"));
    assertThat(plan.placements().stream().filter(p -> p.tier() == Tier.SAFETY_CRITICAL))
        .allSatisfy(p -> assertThat(p.reason()).contains("threshold not met at plan time"));
  }

  @Test
  void tierEnteredOnceTheCohortMeetsItsThreshold() {
    List<Target> targets =
        List.of(target("a", Tier.LOW, 1), target("b", Tier.LOW, 1), target("c", Tier.STANDARD, 1));
    Map<String, TrustScore> scores =
        Map.of("a", trust(0.9, 10), "b", trust(0.7, 10), "c", trust(0.1, 1));
    TrustPlan plan = PLANNER.plan(targets, scores);

    PlannedWave standard = plan.waves().get(plan.waves().size() - 1);
    assertThat(standard.targets()).extracting(Target::id).containsExactly("c");
    assertThat(standard.reason())
        .contains("deployed cohort trust 0.800 >= threshold 0.500")
        .doesNotContain("not met");
  }

  @Test
  void lowTrustTargetsOfATierGoAfterHighTrustOnes() {
    List<Target> targets = new ArrayList<>();
    Map<String, TrustScore> scores = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      String id = "s-%02d".formatted(i);
      targets.add(target(id, Tier.STANDARD, 2));
      scores.put(id, trust(i % 2 == 0 ? 0.95 : 0.2, 20));
    }
    List<String> order = ids(PLANNER.plan(targets, scores).waves());

    assertThat(order.subList(0, 25))
        .allMatch(id -> Integer.parseInt(id.substring(2)) % 2 == 0)
        .isSorted();
    assertThat(order.subList(25, 50)).allMatch(id -> Integer.parseInt(id.substring(2)) % 2 == 1);
  }

  @Test
  void cumulativeImpactReachesEachStepWithinOneTarget() {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      targets.add(target("t-%04d".formatted(i), Tier.STANDARD, 1 + i % 5));
    }
    TrustPlan plan = PLANNER.plan(targets, trustFor(targets, 3));
    double total = plan.placements().stream().mapToDouble(Placement::impact).sum();
    double largest = plan.placements().stream().mapToDouble(Placement::impact).max().orElseThrow();

    List<Double> steps = PARAMETERS.cumulativeImpactSteps();
    assertThat(plan.waves()).hasSameSizeAs(steps);
    double cumulative = 0;
    for (int w = 0; w < steps.size(); w++) {
      int wave = w + 1;
      cumulative +=
          plan.placements().stream()
              .filter(p -> p.wave() == wave)
              .mapToDouble(Placement::impact)
              .sum();
      double goal = steps.get(w) * total;
      assertThat(cumulative).isGreaterThanOrEqualTo(goal * (1 - 1e-9)).isLessThan(goal + largest);
    }
  }

  @Test
  void wavesNeverOvershootTheirStepByMoreThanOneTargetAcrossTiers() {
    List<Target> targets = fleet(2_000, 31);
    TrustPlan plan = PLANNER.plan(targets, trustFor(targets, 32));
    double total = plan.placements().stream().mapToDouble(Placement::impact).sum();

    double cumulative = 0;
    int stepIndex = 0;
    List<Double> steps = PARAMETERS.cumulativeImpactSteps();
    for (PlannedWave wave : plan.waves()) {
      List<Placement> members =
          plan.placements().stream().filter(p -> p.wave() == wave.index()).toList();
      double before = cumulative;
      cumulative += members.stream().mapToDouble(Placement::impact).sum();
      while (before >= steps.get(stepIndex) * total * (1 - 1e-9)) {
        stepIndex++;
      }
      double lastImpact = members.get(members.size() - 1).impact();
      assertThat(cumulative - lastImpact).isLessThan(steps.get(stepIndex) * total);
    }
    // A cut per step, one per tier boundary, and a probe wave into every tier after the first.
    int tiers = Tier.values().length;
    assertThat(plan.waves().size()).isLessThanOrEqualTo(steps.size() + tiers + (tiers - 1));
  }

  @Test
  void equalRiskIsBrokenByEvidenceThenById() {
    List<Target> targets =
        List.of(
            target("d", Tier.LOW, 1),
            target("b", Tier.LOW, 1),
            target("c", Tier.LOW, 1),
            target("a", Tier.LOW, 1));
    Map<String, TrustScore> scores =
        Map.of("a", trust(0.6, 1), "b", trust(0.6, 5), "c", trust(0.6, 5), "d", trust(0.6, 5));

    assertThat(ids(PLANNER.plan(targets, scores).waves())).containsExactly("b", "c", "d", "a");
  }

  @Test
  void targetsWithoutTrustUseThePriorAndSaySo() {
    List<Target> targets = List.of(target("known", Tier.LOW, 1), target("unknown", Tier.LOW, 1));
    TrustPlan plan = PLANNER.plan(targets, Map.of("known", trust(0.9, 30)));

    Placement unknown =
        plan.placements().stream().filter(p -> p.targetId().equals("unknown")).findFirst().get();
    assertThat(unknown.trustLowerBound()).isEqualTo(PRIOR.lowerBound());
    assertThat(unknown.reason()).contains("fleet prior used");
    assertThat(ids(plan.waves())).containsExactly("known", "unknown");
  }

  @Test
  void wavesHoldAtLeastTheMinimumNumberOfTargets() {
    List<Target> targets = fleet(400, 41);
    TrustWeightedPlanner planner =
        new TrustWeightedPlanner(PARAMETERS.withMinTargetsPerWave(10), PRIOR);
    List<PlannedWave> waves = planner.plan(targets, trustFor(targets, 42)).waves();

    assertThat(waves).allSatisfy(w -> assertThat(w.targets()).hasSizeGreaterThanOrEqualTo(10));
    assertThat(ids(waves)).hasSize(400);
  }

  @Test
  void servesAsAWavePlannerWithAFixedTrustSnapshot() {
    List<Target> targets = fleet(300, 51);
    Map<String, TrustScore> trust = trustFor(targets, 52);
    WavePlanner planner = new TrustWeightedPlanner(PARAMETERS, PRIOR, trust);

    assertThat(planner.plan(1L, targets, ReleasePolicy.defaults()))
        .isEqualTo(planner.plan(99L, targets, ReleasePolicy.defaults()))
        .isEqualTo(PLANNER.plan(targets, trust).waves());
  }

  @Test
  void rejectsRepeatedIdsAndEmptyInput() {
    List<Target> twice = List.of(target("a", Tier.LOW, 1), target("a", Tier.STANDARD, 2));
    assertThatThrownBy(() -> PLANNER.plan(twice, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> PLANNER.plan(List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
