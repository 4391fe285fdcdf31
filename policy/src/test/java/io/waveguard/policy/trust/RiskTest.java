package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskTest {

  private static Target target(String id, Tier tier, double size) {
    return new Target(id, "payments", "eu", tier, size, Map.of());
  }

  @Test
  void impactIsTierWeightTimesSize() {
    var weights = TierWeights.defaults();

    assertThat(Risk.impact(target("a", Tier.LOW, 2), weights)).isEqualTo(2);
    assertThat(Risk.impact(target("b", Tier.SAFETY_CRITICAL, 2), weights)).isEqualTo(60);
  }

  @Test
  void configuredTierWeightsOverrideTheDefaults() {
    var weights = new TierWeights(Map.of(Tier.FINANCE_CRITICAL, 50.0));

    assertThat(weights.weight(Tier.FINANCE_CRITICAL)).isEqualTo(50);
    assertThat(weights.weight(Tier.STANDARD)).isEqualTo(3);
  }

  @Test
  void riskIsImpactTimesDistrustAtTheLowerBound() {
    var risk = Risk.of(target("a", Tier.STANDARD, 0.1), 0.8, TierWeights.defaults());

    assertThat(risk.impact()).isCloseTo(0.3, within(1e-12));
    assertThat(risk.value()).isCloseTo(0.3 * 0.2, within(1e-12));
  }

  @Test
  void anUnknownTargetIsRiskierThanAWellKnownOneOfTheSameImpact() {
    var scorer = new TrustScorer(TrustParameters.defaults());
    var unknown = scorer.score(TargetHistory.empty(0));
    var known = scorer.score(new TargetHistory(40, 1, 0));
    var t = target("a", Tier.STANDARD, 1);

    assertThat(Risk.of(t, unknown, TierWeights.defaults()).value())
        .isGreaterThan(Risk.of(t, known, TierWeights.defaults()).value());
  }

  @Test
  void ascendingOrderBreaksTiesByTargetId() {
    var weights = TierWeights.defaults();
    List<Risk> risks = new ArrayList<>();
    risks.add(Risk.of(target("c", Tier.SAFETY_CRITICAL, 1), 0.5, weights));
    risks.add(Risk.of(target("b", Tier.LOW, 1), 0.5, weights));
    risks.add(Risk.of(target("a", Tier.LOW, 1), 0.5, weights));

    risks.sort(Risk.ASCENDING);

    assertThat(risks).extracting(Risk::targetId).containsExactly("a", "b", "c");
  }
}
