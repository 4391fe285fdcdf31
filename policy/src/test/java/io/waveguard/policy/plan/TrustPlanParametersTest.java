package io.waveguard.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.policy.model.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustPlanParametersTest {

  @Test
  void defaultsMatchTheDesign() {
    TrustPlanParameters defaults = TrustPlanParameters.defaults();

    assertThat(defaults.threshold(Tier.LOW)).isZero();
    assertThat(defaults.threshold(Tier.STANDARD)).isEqualTo(0.5);
    assertThat(defaults.threshold(Tier.FINANCE_CRITICAL)).isEqualTo(0.7);
    assertThat(defaults.threshold(Tier.SAFETY_CRITICAL)).isEqualTo(0.8);
    assertThat(defaults.cumulativeImpactSteps()).containsExactly(0.01, 0.05, 0.20, 0.50, 1.0);
    assertThat(defaults.minTargetsPerWave()).isEqualTo(1);
  }

  @Test
  void unconfiguredTierNeedsNoTrust() {
    assertThat(TrustPlanParameters.defaults().withThresholds(Map.of()).threshold(Tier.STANDARD))
        .isZero();
  }

  @Test
  void rejectsStepsThatDoNotGrowToAll() {
    TrustPlanParameters defaults = TrustPlanParameters.defaults();
    assertThatThrownBy(() -> defaults.withSteps(List.of(0.5, 0.2, 1.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withSteps(List.of(0.1, 0.5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withSteps(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsThresholdsOutsideUnitIntervalAndEmptyWaves() {
    TrustPlanParameters defaults = TrustPlanParameters.defaults();
    assertThatThrownBy(() -> defaults.withThresholds(Map.of(Tier.LOW, 1.5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMinTargetsPerWave(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
