package io.waveguard.policy.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.settings.InvalidSettingException.Section;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TrustParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyMappingTest {

  @Test
  void nothingSetIsExactlyThePolicyCoresDefaults() {
    CorePolicy core = PolicySettings.defaults().toCore();

    assertThat(core.release()).isEqualTo(ReleasePolicy.defaults());
    assertThat(core.sequentialRelease()).isEqualTo(ReleasePolicy.sequentialDefaults());
    assertThat(core.sequentialGate()).isEqualTo(SequentialGatePolicy.defaults());
    assertThat(core.gate()).isEqualTo(GateParameters.defaults());
    assertThat(core.trust()).isEqualTo(TrustParameters.defaults());
    assertThat(core.fitPrior()).isTrue();
    assertThat(core.plan()).isEqualTo(TrustPlanParameters.defaults());
    assertThat(core.attribution()).isEqualTo(OutcomeAttribution.Parameters.defaults());
  }

  @Test
  void setValuesReachTheCoreAndTheRestKeepDefaults() {
    PolicySettings settings =
        new PolicySettings(
            new PolicySettings.Release(
                300L, null, null, null, 500L, List.of(Tier.LOW), 20_000L, null),
            null,
            new PolicySettings.SequentialGate(
                0.02,
                null,
                Map.of(Tier.FINANCE_CRITICAL, 1.25),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                30L,
                null,
                null,
                null),
            new PolicySettings.Trust(10.0, 3.0, 1.0, false, null, null, null, null),
            new PolicySettings.Plan(
                Map.of(Tier.LOW, 2.0), Map.of(Tier.STANDARD, 0.6), List.of(0.5, 1.0), 4, 0.0),
            null);

    CorePolicy core = settings.toCore();

    assertThat(core.release().bakeSeconds()).isEqualTo(300);
    assertThat(core.release().maxBakeExtensions()).isEqualTo(2);
    assertThat(core.release().approvalTiers()).containsExactly(Tier.LOW);
    assertThat(core.release().tierEntryMinRequests()).isEqualTo(20_000);
    assertThat(core.sequentialRelease().tierEntryMinRequests()).isZero();
    assertThat(core.sequentialGate().alpha()).isEqualTo(0.02);
    assertThat(core.sequentialGate().tolerances().financeCritical()).isEqualTo(1.25);
    assertThat(core.sequentialGate().tolerances().standard()).isEqualTo(1.5);
    assertThat(core.sequentialGate().periodSeconds()).isEqualTo(30);
    assertThat(core.trust().evidenceScale()).isEqualTo(4.0);
    assertThat(core.trust().priorMean()).isEqualTo(0.75);
    assertThat(core.fitPrior()).isFalse();
    assertThat(core.plan().tierWeights().weight(Tier.LOW)).isEqualTo(2.0);
    assertThat(core.plan().tierWeights().weight(Tier.STANDARD)).isEqualTo(3.0);
    assertThat(core.plan().threshold(Tier.STANDARD)).isEqualTo(0.6);
    assertThat(core.plan().threshold(Tier.SAFETY_CRITICAL)).isZero();
    assertThat(core.plan().minTargetsPerWave()).isEqualTo(4);
  }

  @Test
  void aRefusedValueIsReportedWithItsSectionAndField() {
    PolicySettings badSteps =
        new PolicySettings(
            null,
            null,
            null,
            null,
            new PolicySettings.Plan(null, null, List.of(0.5), null, null),
            null);
    PolicySettings badMinTargets =
        new PolicySettings(
            null, null, null, null, new PolicySettings.Plan(null, null, null, 0, null), null);
    PolicySettings badEvidence =
        new PolicySettings(
            new PolicySettings.Release(null, null, null, null, null, null, -1L, null),
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(badSteps::toCore)
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.section()).isEqualTo(Section.PLAN))
        .hasMessageContaining("the last step must be 1");
    assertThatThrownBy(badMinTargets::toCore).hasMessageContaining("minTargetsPerWave");
    assertThatThrownBy(badEvidence::toCore)
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.section()).isEqualTo(Section.RELEASE))
        .hasMessageContaining("minEvidenceRequests");
  }

  @Test
  void problemsListsOneRefusalPerSectionAndNoneForTheDefaults() {
    PolicySettings twoBad =
        new PolicySettings(
            new PolicySettings.Release(0L, null, null, null, null, null, null, null),
            null,
            null,
            null,
            new PolicySettings.Plan(null, null, List.of(0.5, 0.2, 1.0), null, null),
            null);

    assertThat(PolicyMapping.problems(PolicySettings.defaults())).isEmpty();
    assertThat(PolicyMapping.problems(twoBad))
        .extracting(InvalidSettingException::section)
        .containsExactly(Section.RELEASE, Section.PLAN);
  }
}
