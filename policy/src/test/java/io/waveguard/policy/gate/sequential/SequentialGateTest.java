package io.waveguard.policy.gate.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialGateTest {

  private static final SequentialGatePolicy POLICY = SequentialGatePolicy.defaults();
  private static final List<String> REGIONS = List.of("eu", "us", "apac");

  /** Three regions of equal traffic; the deployed share grows 5 % → 95 % over eight waves. */
  private static final double[] DEPLOYED_SHARE = {0.05, 0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.95};

  private static List<Target> fleet() {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      targets.add(
          new Target("t" + i, "svc", "sim", Tier.LOW, 1.0, Map.of("region", REGIONS.get(i % 3))));
    }
    return targets;
  }

  /**
   * A whole release: every wave bakes {@code periods} periods, each region serves 100 baseline
   * errors a period, the deployed side's rate is multiplied by ratio (in {@code faultyRegion} only,
   * when given). Returns the first non-INCONCLUSIVE verdict, or INCONCLUSIVE at the end.
   */
  private static GateVerdict release(
      SplittableRandom rng, double ratio, String faultyRegion, int periods, boolean stopOnPass) {
    SequentialGate gate = new SequentialGate(POLICY);
    ReleaseEvidence evidence = gate.start(fleet());
    for (double share : DEPLOYED_SHARE) {
      for (int p = 0; p < periods; p++) {
        List<CohortCell> deployed = new ArrayList<>();
        List<CohortCell> controls = new ArrayList<>();
        for (String region : REGIONS) {
          double factor = faultyRegion == null || faultyRegion.equals(region) ? ratio : 1;
          double base = 100;
          deployed.add(cell(region, rng, base * share, factor));
          controls.add(cell(region, rng, base * (1 - share), 1));
        }
        evidence = gate.observe(evidence, PeriodObservation.concurrent(deployed, controls));
        GateResult result =
            gate.judge(evidence, Tier.FINANCE_CRITICAL, CohortStats.EMPTY, CohortStats.EMPTY);
        if (result.verdict() == GateVerdict.FAIL) {
          return GateVerdict.FAIL;
        }
        if (stopOnPass && result.verdict() == GateVerdict.PASS) {
          return GateVerdict.PASS;
        }
      }
    }
    return GateVerdict.INCONCLUSIVE;
  }

  private static CohortCell cell(
      String region, SplittableRandom rng, double expected, double factor) {
    long requests = Math.round(expected * 1000);
    long errors = poisson(rng, expected * factor);
    return new CohortCell(
        "sim",
        Tier.LOW,
        Map.of("region", region),
        10,
        List.of(),
        requests,
        errors,
        expected,
        0,
        10,
        0,
        0,
        0);
  }

  static long poisson(SplittableRandom rng, double mean) {
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    long k = 0;
    while (product > limit) {
      k++;
      product *= rng.nextDouble();
    }
    return k;
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
        * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Test
  void goodReleasesFailWithinTheReleaseAlphaHoweverOftenTheyAreLookedAt() {
    SplittableRandom rng = new SplittableRandom(7);
    int runs = 2000;
    int failed = 0;
    for (int i = 0; i < runs; i++) {
      // 8 waves x 10 looks = 80 looks per release at 4 metrics x 4 strata.
      if (release(rng, 1.0, null, 10, false) == GateVerdict.FAIL) {
        failed++;
      }
    }
    // α = 1 %: three standard errors above it still fails the test if the budget is overspent.
    assertThat((double) failed / runs)
        .isLessThanOrEqualTo(0.01 + 3 * Math.sqrt(0.01 * 0.99 / runs));
  }

  @Test
  void aModerateFaultIsCaughtInTheEarlyWaves() {
    SplittableRandom rng = new SplittableRandom(11);
    int caught = 0;
    for (int i = 0; i < 200; i++) {
      if (release(rng, 1.25, null, 3, false) == GateVerdict.FAIL) {
        caught++;
      }
    }
    assertThat(caught).isGreaterThanOrEqualTo(190);
  }

  @Test
  void aFaultInOneRegionIsCaughtByThatRegionsStratum() {
    SplittableRandom rng = new SplittableRandom(13);
    int caught = 0;
    for (int i = 0; i < 200; i++) {
      if (release(rng, 1.5, "eu", 3, false) == GateVerdict.FAIL) {
        caught++;
      }
    }
    assertThat(caught).isGreaterThanOrEqualTo(190);
  }

  @Test
  void aGoodReleaseShowsTheFinanceToleranceQuickly() {
    SplittableRandom rng = new SplittableRandom(17);
    int passed = 0;
    for (int i = 0; i < 200; i++) {
      if (release(rng, 1.0, null, 3, true) == GateVerdict.PASS) {
        passed++;
      }
    }
    assertThat(passed).isGreaterThanOrEqualTo(180);
  }

  @Test
  void strataAreTheWholeReleaseAndEveryLargeLabelValue() {
    List<Stratum> strata = Strata.forRelease(fleet(), 0.1, 12);

    assertThat(strata)
        .extracting(Stratum::key)
        .containsExactly("all", "region=apac", "region=eu", "region=us");
  }

  @Test
  void distanceToRollbackShrinksToZeroAsAFaultIsShown() {
    SequentialGate gate = new SequentialGate(POLICY);
    ReleaseEvidence evidence = gate.start(fleet());
    SplittableRandom rng = new SplittableRandom(11);
    DecisionDistance first = gate.distance(evidence, Tier.LOW);
    GateVerdict verdict = GateVerdict.INCONCLUSIVE;
    for (int p = 0; p < 40 && verdict != GateVerdict.FAIL; p++) {
      List<CohortCell> deployed = new ArrayList<>();
      List<CohortCell> controls = new ArrayList<>();
      for (String region : REGIONS) {
        deployed.add(cell(region, rng, 50, 3));
        controls.add(cell(region, rng, 50, 1));
      }
      evidence = gate.observe(evidence, PeriodObservation.concurrent(deployed, controls));
      verdict = gate.judge(evidence, Tier.LOW, CohortStats.EMPTY, CohortStats.EMPTY).verdict();
    }

    assertThat(first.rollback()).isGreaterThan(0);
    assertThat(first.entry()).isCloseTo(-Math.log(POLICY.entryAlpha()), within(1e-9));
    assertThat(verdict).isEqualTo(GateVerdict.FAIL);
    assertThat(gate.distance(evidence, Tier.LOW).rollback()).isZero();
  }

  @Test
  void silentTargetsBlockAPassAndAreNamed() {
    SequentialGate gate = new SequentialGate(POLICY);
    ReleaseEvidence evidence = gate.start(fleet());
    SplittableRandom rng = new SplittableRandom(3);
    for (int p = 0; p < 20; p++) {
      List<CohortCell> deployed = new ArrayList<>();
      deployed.add(cell("eu", rng, 500, 1));
      deployed.add(
          new CohortCell(
              "sim",
              Tier.LOW,
              Map.of("region", "us"),
              0,
              List.of("t-quiet"),
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              0));
      evidence =
          gate.observe(
              evidence, PeriodObservation.concurrent(deployed, List.of(cell("eu", rng, 500, 1))));
    }

    GateResult result = gate.judge(evidence, Tier.LOW, CohortStats.EMPTY, CohortStats.EMPTY);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("1 of 11 deployed targets reported nothing: t-quiet");
  }

  @Test
  void theLastWaveComparesWithItsOwnPastAndCatchesAFault() {
    SequentialGate gate = new SequentialGate(POLICY);
    SplittableRandom rng = new SplittableRandom(5);
    int caught = 0;
    int falseFails = 0;
    for (int run = 0; run < 200; run++) {
      for (double ratio : new double[] {1.0, 1.5}) {
        ReleaseEvidence evidence = gate.start(fleet());
        // The hour before the release: 60 periods' worth of the same targets.
        List<CohortCell> past = List.of(cell("eu", rng, 60 * 300, 1));
        GateVerdict verdict = GateVerdict.INCONCLUSIVE;
        for (int p = 0; p < 10 && verdict != GateVerdict.FAIL; p++) {
          evidence =
              gate.observe(
                  evidence,
                  PeriodObservation.againstOwnPast(List.of(cell("eu", rng, 300, ratio)), past));
          verdict =
              gate.judge(evidence, Tier.SAFETY_CRITICAL, CohortStats.EMPTY, CohortStats.EMPTY)
                  .verdict();
        }
        if (verdict == GateVerdict.FAIL) {
          if (ratio == 1.0) {
            falseFails++;
          } else {
            caught++;
          }
        }
      }
    }
    assertThat(caught).isGreaterThanOrEqualTo(195);
    assertThat(falseFails).isLessThanOrEqualTo(6);
  }

  /** One region's cell with explicit crash, availability and latency counts. */
  private static CohortCell metrics(long crashes, long down, long samples, long exceedances) {
    return new CohortCell(
        "sim",
        Tier.LOW,
        Map.of("region", "eu"),
        10,
        List.of(),
        100_000,
        100,
        100,
        crashes,
        600,
        down,
        samples,
        exceedances);
  }

  private static GateResult afterPeriods(CohortCell deployed, CohortCell control, int periods) {
    SequentialGate gate = new SequentialGate(POLICY);
    ReleaseEvidence evidence = gate.start(fleet());
    GateResult result = null;
    for (int p = 0; p < periods; p++) {
      evidence =
          gate.observe(evidence, PeriodObservation.concurrent(List.of(deployed), List.of(control)));
      result = gate.judge(evidence, Tier.LOW, CohortStats.EMPTY, CohortStats.EMPTY);
      if (result.verdict() == GateVerdict.FAIL) {
        return result;
      }
    }
    return result;
  }

  @Test
  void crashesAloneFailARelease() {
    GateResult result = afterPeriods(metrics(40, 0, 600, 6), metrics(4, 0, 600, 6), 5);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("crashes in");
  }

  @Test
  void slowP99IntervalsAloneFailARelease() {
    GateResult result = afterPeriods(metrics(4, 0, 600, 120), metrics(4, 0, 600, 6), 5);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("latency in");
  }

  @Test
  void unavailableIntervalsAloneFailARelease() {
    GateResult result = afterPeriods(metrics(4, 60, 600, 6), metrics(4, 3, 600, 6), 5);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("availability in");
  }

  @Test
  void equalCountsOnBothSidesNeverFail() {
    GateResult result = afterPeriods(metrics(4, 3, 600, 6), metrics(4, 3, 600, 6), 30);

    assertThat(result.verdict()).isNotEqualTo(GateVerdict.FAIL);
  }
}
