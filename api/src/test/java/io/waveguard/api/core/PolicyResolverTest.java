package io.waveguard.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.waveguard.api.dto.GateMode;
import io.waveguard.api.dto.PolicyRequest;
import io.waveguard.api.dto.TierTolerancesJson;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TierTolerances;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Request overrides on the server's defaults make the one policy a release runs under. */
class PolicyResolverTest {

  private static final SequentialGatePolicy SERVER_GATE =
      SequentialGatePolicy.defaults().withTimings(30, 120, 900, 3600);
  private static final PolicyResolver SEQUENTIAL_SERVER =
      new PolicyResolver(GateMode.SEQUENTIAL, SERVER_GATE);
  private static final PolicyResolver PER_WAVE_SERVER =
      new PolicyResolver(GateMode.PER_WAVE, SERVER_GATE);

  /** A request with only the fields the edit sets. */
  private static PolicyRequest request(UnaryOperator<Builder> edit) {
    return edit.apply(new Builder()).build();
  }

  @Test
  void noPolicyResolvesToTheServersSequentialGate() {
    ReleasePolicy policy = SEQUENTIAL_SERVER.resolve(null);

    assertThat(policy.sequentialGate()).isEqualTo(SERVER_GATE);
    assertThat(policy.bakeSeconds()).isEqualTo(ReleasePolicy.defaults().bakeSeconds());
    assertThat(SEQUENTIAL_SERVER.defaults()).isEqualTo(policy);
  }

  @Test
  void requestOverridesWinAndTheRestKeepsTheServersDefaults() {
    ReleasePolicy policy =
        SEQUENTIAL_SERVER.resolve(
            request(
                b -> {
                  b.alpha = 0.02;
                  b.gatePeriodSeconds = 10L;
                  b.minBakeSeconds = 60L;
                  b.maxBakeSeconds = 600L;
                  b.tierTolerances = new TierTolerancesJson(null, 1.3, null, 1.05);
                  b.firstWavePercent = 10.0;
                  return b;
                }));

    SequentialGatePolicy gate = policy.sequentialGate();
    assertThat(gate.alpha()).isEqualTo(0.02);
    assertThat(gate.tolerances()).isEqualTo(new TierTolerances(2.0, 1.3, 1.2, 1.05));
    assertThat(List.of(gate.periodSeconds(), gate.minBakeSeconds(), gate.maxBakeSeconds()))
        .containsExactly(10L, 60L, 600L);
    assertThat(gate.entryAlpha()).isEqualTo(SERVER_GATE.entryAlpha());
    assertThat(gate.baselineSeconds()).isEqualTo(SERVER_GATE.baselineSeconds());
    assertThat(policy.firstWavePercent()).isEqualTo(10.0);
  }

  @Test
  void perWaveModeHasNoSequentialGateFromTheRequestOrTheServer() {
    PolicyRequest perWave =
        request(
            b -> {
              b.gateMode = GateMode.PER_WAVE;
              b.bakeSeconds = 30L;
              return b;
            });

    assertThat(SEQUENTIAL_SERVER.resolve(perWave).sequentialGate()).isNull();
    assertThat(SEQUENTIAL_SERVER.resolve(perWave).bakeSeconds()).isEqualTo(30);
    assertThat(PER_WAVE_SERVER.resolve(null).sequentialGate()).isNull();
    PolicyRequest sequential =
        request(
            b -> {
              b.gateMode = GateMode.SEQUENTIAL;
              return b;
            });
    assertThat(PER_WAVE_SERVER.resolve(sequential).sequentialGate()).isEqualTo(SERVER_GATE);
  }

  @Test
  void sequentialSettingsUnderThePerWaveGateAreRefusedByName() {
    assertRefused(
        PER_WAVE_SERVER,
        request(
            b -> {
              b.alpha = 0.02;
              return b;
            }),
        "policy.alpha",
        "sequential gate only");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.gateMode = GateMode.PER_WAVE;
              b.tierTolerances = new TierTolerancesJson(1.5, null, null, null);
              return b;
            }),
        "policy.tierTolerances",
        "policy.gateMode is per-wave");
  }

  @Test
  void inconsistentTimingsNameTheOverrideThatBreaksThem() {
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.gatePeriodSeconds = 300L;
              return b;
            }),
        "policy.gatePeriodSeconds",
        "120 s, the server's default");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.minBakeSeconds = 10L;
              return b;
            }),
        "policy.minBakeSeconds",
        "gate period (30 s");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.maxBakeSeconds = 60L;
              return b;
            }),
        "policy.maxBakeSeconds",
        "minimum bake (120 s");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.minBakeSeconds = 1000L;
              return b;
            }),
        "policy.minBakeSeconds",
        "maximum bake (900 s");
  }

  @Test
  void aToleranceOfOneOrLessIsRefusedNamingItsTier() {
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.tierTolerances = new TierTolerancesJson(null, null, 1.0, null);
              return b;
            }),
        "policy.tierTolerances.finance-critical",
        "greater than 1");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.tierTolerances = new TierTolerancesJson(Double.POSITIVE_INFINITY, null, null, null);
              return b;
            }),
        "policy.tierTolerances.low",
        "finite");
  }

  @Test
  void maxErrorRateRatioIsRefusedNamingWhatReplacedIt() {
    PolicyRequest old =
        request(
            b -> {
              b.maxErrorRateRatio = DoubleNode.valueOf(2.0);
              return b;
            });

    assertThatThrownBy(() -> SEQUENTIAL_SERVER.resolve(old))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body().error()).isEqualTo("removed_field");
              assertThat(e.body().field()).isEqualTo("policy.maxErrorRateRatio");
              assertThat(e.body().message()).contains("removed").contains("policy.tierTolerances");
            });
  }

  private static void assertRefused(
      PolicyResolver resolver, PolicyRequest request, String field, String because) {
    assertThatThrownBy(() -> resolver.resolve(request))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body().field()).isEqualTo(field);
              assertThat(e.body().message()).contains(field).contains(because);
            });
  }

  /** Mutable stand-in for the request's JSON, so each test sets only what it is about. */
  private static final class Builder {
    Long bakeSeconds;
    Double firstWavePercent;
    GateMode gateMode;
    Long gatePeriodSeconds;
    Long minBakeSeconds;
    Long maxBakeSeconds;
    TierTolerancesJson tierTolerances;
    Double alpha;
    JsonNode maxErrorRateRatio;

    PolicyRequest build() {
      return new PolicyRequest(
          bakeSeconds,
          null,
          firstWavePercent,
          null,
          null,
          null,
          gateMode,
          gatePeriodSeconds,
          minBakeSeconds,
          maxBakeSeconds,
          tierTolerances,
          alpha,
          maxErrorRateRatio,
          null,
          null);
    }
  }
}
