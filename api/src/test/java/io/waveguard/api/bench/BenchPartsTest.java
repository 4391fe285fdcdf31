package io.waveguard.api.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchPartsTest {

  @Test
  void parsesAListOfPartsInAnyCase() {
    assertThat(Bench.Part.parseList("trust, GATE"))
        .containsExactlyInAnyOrder(Bench.Part.TRUST, Bench.Part.GATE);
  }

  @Test
  void refusesAnUnknownPartNamingTheKnownOnes() {
    assertThatThrownBy(() -> Bench.Part.parseList("trust,ingest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ingest'")
        .hasMessageContaining("planner,trust,gate,api,starts");
  }
}
