package io.waveguard.api.operatorcli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.api.operatorcli.ReleaseSnapshot.Wave;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watch's drawing from fixed views: bars, the gate's bound meter, and the log of changes. */
class WatchRenderingTest {

  private static final String REASON =
      "9 deployed targets vs 16 not-yet-deployed controls: sequential test over 4 periods: error"
          + " ratio ≈ 1.03, 95.0 % upper bound ≤ 1.35 (finance-critical tolerance 1.20) not yet"
          + " below the tolerance; closest to rollback: latency in all, e-value 0.715 of 667";

  private static ReleaseSnapshot baking(String reason) {
    return new ReleaseSnapshot(
        "payments-2-4-0",
        "payments",
        "2.4.0",
        "trust-weighted",
        "RUNNING",
        2,
        3,
        "bake extension 1 of wave 2",
        null,
        null,
        List.of(
            new Wave(1, 6, "low", "PASSED", "PASS", "…"),
            new Wave(2, 9, "standard", "BAKING", "INCONCLUSIVE", reason),
            new Wave(3, 2, "finance-critical", "PENDING", null, null)),
        Map.of("finance-critical", 1.2),
        4L,
        null,
        List.of());
  }

  private static final WatchScreen PLAIN_SCREEN = new WatchScreen(new Ansi(false), 120);

  @Test
  void barsFillWithTheWavesProgress() {
    assertThat(PLAIN_SCREEN.bar(0, "PENDING")).isEqualTo("░".repeat(20));
    assertThat(PLAIN_SCREEN.bar(0.5, "BAKING")).isEqualTo("█".repeat(10) + "░".repeat(10));
    assertThat(PLAIN_SCREEN.bar(1, "PASSED")).isEqualTo("█".repeat(20));
    assertThat(new WatchScreen(new Ansi(true), 120).bar(1, "PASSED"))
        .isEqualTo("\033[32m" + "█".repeat(20) + "\033[0m\033[2m\033[0m");
  }

  @Test
  void aBakingWaveIsFilledByItsBakeAgainstTheMinimum() {
    List<String> lines =
        PLAIN_SCREEN.lines(baking(REASON), new WatchScreen.Times(83, Map.of(2, 2.0)));

    assertThat(lines.get(0))
        .startsWith("payments-2-4-0  payments 2.4.0 via trust-weighted")
        .endsWith("elapsed 1:23");
    assertThat(lines.get(1)).isEqualTo("status   RUNNING  wave 2 of 3");
    assertThat(lines)
        .contains("  wave 1/3  low                 6 targets  " + "█".repeat(20) + "  PASSED")
        .contains(
            "  wave 2/3  standard            9 targets  "
                + "█".repeat(10)
                + "░".repeat(10)
                + "  BAKING 2.0 s, min 4 s")
        .contains("  wave 3/3  finance-critical    2 targets  " + "░".repeat(20) + "  PENDING")
        .contains(
            "gate     wave 2 INCONCLUSIVE: error ratio ≈ 1.03, 95.0 % upper bound ≤ 1.35,"
                + " finance-critical tolerance 1.20")
        .contains("waiting  baking wave 2: bake extension 1 of wave 2");
  }

  @Test
  void theMeterPutsTheBoundAgainstTheToleranceMark() {
    GateEvidence over = GateEvidence.parse(REASON).orElseThrow();
    GateEvidence within =
        GateEvidence.parse("error ratio ≈ 1.00, 95.0 % upper bound ≤ 1.10 (low tolerance 2.00)")
            .orElseThrow();

    // 1.35 on a scale where 1.0 is 0 and the tolerance 1.20 the mark at 20: 35 cells, capped at 30;
    // the mark stands between cells 20 and 21.
    assertThat(PLAIN_SCREEN.meter(over)).isEqualTo("█".repeat(20) + "│" + "█".repeat(10));
    assertThat(PLAIN_SCREEN.meter(within)).isEqualTo("██" + "·".repeat(18) + "│" + "·".repeat(10));
    assertThat(over.within()).isFalse();
    assertThat(within.within()).isTrue();
  }

  @Test
  void gateEvidenceIsReadFromTheVerdictsReason() {
    GateEvidence e = GateEvidence.parse(REASON).orElseThrow();

    assertThat(e.ratio()).isEqualTo(1.03);
    assertThat(e.confidence()).isEqualTo("95.0");
    assertThat(e.upperBound()).isEqualTo(1.35);
    assertThat(e.tier()).isEqualTo("finance-critical");
    assertThat(e.tolerance()).isEqualTo(1.2);
    assertThat(
            GateEvidence.parse("error ratio ≈ ∞, 95.0 % upper bound unbounded (low tolerance 2.00)")
                .orElseThrow()
                .upperBound())
        .isNull();
    assertThat(GateEvidence.parse("no error telemetry yet, keep sampling")).isEmpty();
    assertThat(e.blocker()).isNull();
    assertThat(
            GateEvidence.parse(
                    "error ratio ≈ 1.00, 95.0 % upper bound unbounded (low tolerance 2.00) not yet"
                        + " below the tolerance; 6 of 6 deployed targets reported nothing: a, b,"
                        + " so the wave cannot pass; closest to rollback: errors in all, e-value"
                        + " 1.00 of 400")
                .orElseThrow()
                .blocker())
        .isEqualTo("6 of 6 deployed targets reported nothing: a, b, so the wave cannot pass");
  }

  @Test
  void thePlainLogPrintsOnlyWhatChanged() {
    WatchLog log = new WatchLog();
    WatchScreen.Times times = new WatchScreen.Times(5, Map.of());

    List<String> first = log.changes(baking(REASON), times);
    List<String> same = log.changes(baking(REASON), new WatchScreen.Times(6, Map.of()));
    List<String> newBound =
        log.changes(baking(REASON.replace("≤ 1.35", "≤ 1.18")), new WatchScreen.Times(7, Map.of()));

    assertThat(first)
        .containsExactly(
            "[0:05] payments-2-4-0 RUNNING  wave 2 of 3",
            "[0:05] wave 1/3 PASSED (6 targets, low)",
            "[0:05] wave 2/3 BAKING (9 targets, standard)",
            "[0:05] gate wave 2 INCONCLUSIVE: bound ≤ 1.35 vs finance-critical tolerance 1.20"
                + " (ratio ≈ 1.03), not yet below",
            "[0:05] waiting: baking wave 2");
    assertThat(same).isEmpty();
    assertThat(newBound)
        .containsExactly(
            "[0:07] gate wave 2 INCONCLUSIVE: bound ≤ 1.18 vs finance-critical tolerance 1.20"
                + " (ratio ≈ 1.03)");
  }

  @Test
  void whatTheReleaseWaitsForNamesTheReason() {
    ReleaseSnapshot base = baking(REASON);
    ReleaseSnapshot paused =
        new ReleaseSnapshot(
            base.releaseId(),
            base.service(),
            base.version(),
            base.strategy(),
            "PAUSED",
            2,
            3,
            null,
            "gate undecided after the maximum bake",
            null,
            base.waves(),
            base.tolerances(),
            4L,
            null,
            List.of());
    ReleaseSnapshot window =
        new ReleaseSnapshot(
            base.releaseId(),
            base.service(),
            base.version(),
            base.strategy(),
            "WAITING_FOR_WINDOW",
            2,
            3,
            "until 2026-12-02T09:00Z (blackout: month end)",
            null,
            null,
            base.waves(),
            base.tolerances(),
            4L,
            null,
            List.of());

    assertThat(Waiting.describe(paused)).isEqualTo("paused: gate undecided after the maximum bake");
    assertThat(Waiting.describe(window))
        .isEqualTo("waiting for change window: until 2026-12-02T09:00Z (blackout: month end)");
  }

  @Test
  void aLongReleaseShowsTheWavesAroundTheCurrentOne() {
    List<Wave> waves = new java.util.ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      waves.add(
          new Wave(i, 3, "low", i < 20 ? "PASSED" : i == 20 ? "DEPLOYING" : "PENDING", null, null));
    }
    ReleaseSnapshot s =
        new ReleaseSnapshot(
            "big",
            "svc",
            "1.0",
            "waves",
            "RUNNING",
            20,
            40,
            "deployment of wave 20",
            null,
            null,
            waves,
            Map.of(),
            60L,
            null,
            List.of());

    List<String> lines = PLAIN_SCREEN.lines(s, new WatchScreen.Times(5, Map.of()));

    assertThat(lines).contains("  … waves 1–16 above", "  … waves 29–40 below");
    assertThat(lines.stream().filter(l -> l.startsWith("  wave "))).hasSize(12);
    assertThat(lines).anyMatch(l -> l.startsWith("  wave 20/40") && l.contains("DEPLOYING"));
  }

  @Test
  void watchExitCodesNameTheFinalStatus() {
    assertThat(ExitCodes.ofFinal("COMPLETED")).isEqualTo(0);
    assertThat(ExitCodes.ofFinal("ROLLED_BACK")).isEqualTo(3);
    assertThat(ExitCodes.ofFinal("ABORTED")).isEqualTo(4);
    assertThat(ExitCodes.ofFinal("FAILED")).isEqualTo(5);
    assertThat(ExitCodes.ofFinal("ROLLBACK_INCOMPLETE")).isEqualTo(6);
    assertThat(ExitCodes.ofFinal("PAUSED")).isEqualTo(-1);
    assertThat(ExitCodes.ofFinal("RUNNING")).isEqualTo(-1);
  }
}
