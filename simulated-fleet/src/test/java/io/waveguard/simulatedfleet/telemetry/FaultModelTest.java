package io.waveguard.simulatedfleet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultModelTest {

  @Test
  void versionsNamedFaultyAreTenTimesWorseWhateverTheCase() {
    FaultModel faults = new FaultModel();

    assertThat(faults.errorMultiplier("2.1-FAULTY")).isEqualTo(10.0);
    assertThat(faults.errorMultiplier("faulty")).isEqualTo(10.0);
    assertThat(faults.errorMultiplier("2.1")).isEqualTo(1.0);
  }

  @Test
  void baselineIsNeverWorse() {
    assertThat(new FaultModel().errorMultiplier(null)).isEqualTo(1.0);
  }

  @Test
  void configuredVersionsWinAndOthersFallBackToTheNamingRule() {
    FaultModel faults = new FaultModel(Map.of("2.1", 3.0, "2.2-faulty", 1.0));

    assertThat(faults.errorMultiplier("2.1")).isEqualTo(3.0);
    assertThat(faults.errorMultiplier("2.2-faulty")).isEqualTo(1.0);
    assertThat(faults.errorMultiplier("2.3-faulty")).isEqualTo(10.0);
    assertThat(faults.errorMultiplier("2.3")).isEqualTo(1.0);
  }

  @Test
  void negativeMultipliersAreRejected() {
    assertThatThrownBy(() -> new FaultModel(Map.of("2.1", -1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2.1");
  }
}
