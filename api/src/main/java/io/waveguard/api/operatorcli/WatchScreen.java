package io.waveguard.api.operatorcli;

import io.waveguard.api.operatorcli.ReleaseSnapshot.Wave;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live view of one release, redrawn in place on a terminal: a header with the elapsed time, a
 * progress bar per wave, the latest gate's bound against its tier's tolerance, and what the release
 * waits for. Long releases show the waves around the current one.
 */
final class WatchScreen {

  static final int BAR = 20;
  static final int METER = 30;

  /** The tolerance's place on the meter: a bound left of it is within. */
  static final int TOLERANCE_MARK = 20;

  private static final int WAVES_SHOWN = 12;

  private static final int HEADER_WIDTH = 100;

  /**
   * @param elapsedSeconds how long the release has run (or the watch, when the view lacks its
   *     start)
   * @param bakedSeconds per wave index, how long the watch has seen it bake
   */
  record Times(long elapsedSeconds, Map<Integer, Double> bakedSeconds) {}

  private final Ansi ansi;
  private final int width;

  WatchScreen(Ansi ansi, int width) {
    this.ansi = ansi;
    this.width = Math.max(40, width);
  }

  List<String> lines(ReleaseSnapshot s, Times times) {
    List<String> lines = new ArrayList<>();
    String title =
        "%s  %s %s via %s".formatted(s.releaseId(), s.service(), s.version(), s.strategy());
    String clock = "elapsed " + Durations.clock(times.elapsedSeconds());
    // On a wide terminal the clock stays near the rest rather than at its far edge.
    int pad = Math.max(2, Math.min(width, HEADER_WIDTH) - 1 - title.length() - clock.length());
    lines.add(ansi.bold(fit(title, width - clock.length() - 3)) + " ".repeat(pad) + clock);
    lines.add(
        "status   %s  wave %d of %d"
            .formatted(statusLabel(s.status()), s.currentWave(), s.waveCount()));
    lines.add("");
    waves(s, times, lines);
    lines.add("");
    gate(s, lines);
    String label = ExitCodes.ofFinal(s.status()) >= 0 ? "outcome  " : "waiting  ";
    lines.add(label + fit(Waiting.describe(s), width - 10));
    return lines;
  }

  private void waves(ReleaseSnapshot s, Times times, List<String> lines) {
    List<Wave> waves = s.waves();
    int from = 0;
    int to = waves.size();
    if (waves.size() > WAVES_SHOWN) {
      int current = Math.max(1, s.currentWave());
      from = Math.max(0, Math.min(current - 4, waves.size() - WAVES_SHOWN));
      to = Math.min(waves.size(), from + WAVES_SHOWN);
    }
    if (from > 0) {
      lines.add(ansi.dim("  … waves 1–%d above".formatted(waves.get(from - 1).index())));
    }
    for (Wave wave : waves.subList(from, to)) {
      lines.add(waveLine(wave, s.waveCount(), s.bakeSeconds(), times.bakedSeconds()));
    }
    if (to < waves.size()) {
      lines.add(
          ansi.dim(
              "  … waves %d–%d below"
                  .formatted(waves.get(to).index(), waves.get(waves.size() - 1).index())));
    }
  }

  private String waveLine(Wave wave, int waveCount, Long bakeSeconds, Map<Integer, Double> baked) {
    String status = wave.status() == null ? "PENDING" : wave.status();
    Double bakedFor = baked.get(wave.index());
    double fill =
        switch (status) {
          case "PENDING" -> 0;
          case "DEPLOYING" -> 0.05;
          case "BAKING", "EVALUATING" ->
              bakedFor == null || bakeSeconds == null || bakeSeconds <= 0
                  ? 0.5
                  : Math.min(1.0, bakedFor / bakeSeconds);
          default -> 1;
        };
    String detail = "";
    if ((status.equals("BAKING") || status.equals("EVALUATING")) && bakedFor != null) {
      detail =
          bakeSeconds == null
              ? " " + Durations.seconds(bakedFor)
              : " %s, min %d s".formatted(Durations.seconds(bakedFor), bakeSeconds);
    }
    return "  wave %s  %-16s %4d targets  %s  %s%s"
        .formatted(
            pad(wave.index(), waveCount),
            wave.tier() == null ? "?" : wave.tier(),
            wave.targetCount(),
            bar(fill, status),
            statusLabel(status),
            detail);
  }

  /** {@code ████████░░░░░░░░░░░░}: the done share filled, coloured by how the wave stands. */
  String bar(double fill, String status) {
    int cells = (int) Math.round(Math.max(0, Math.min(1, fill)) * BAR);
    String done = "█".repeat(cells);
    String rest = "░".repeat(BAR - cells);
    String coloured =
        switch (status) {
          case "PASSED" -> ansi.green(done);
          case "FAILED", "ROLLBACK_FAILED" -> ansi.red(done);
          case "ROLLED_BACK", "INCONCLUSIVE" -> ansi.yellow(done);
          default -> ansi.cyan(done);
        };
    return coloured + ansi.dim(rest);
  }

  private void gate(ReleaseSnapshot s, List<String> lines) {
    Wave judged = s.lastJudged();
    if (judged == null) {
      lines.add("gate     " + ansi.dim("no verdict yet"));
      return;
    }
    String verdict = judged.verdict() == null ? "" : judged.verdict();
    var evidence = GateEvidence.parse(judged.gateReason());
    if (evidence.isEmpty()) {
      lines.add(
          "gate     wave %d %s: %s"
              .formatted(
                  judged.index(), verdictLabel(verdict), fit(judged.gateReason(), width - 24)));
      return;
    }
    GateEvidence e = evidence.get();
    String bound = e.upperBound() == null ? "unbounded" : "≤ " + Durations.number(e.upperBound());
    lines.add(
        "gate     wave %d %s: error ratio ≈ %s, %s %% upper bound %s, %s tolerance %s"
            .formatted(
                judged.index(),
                verdictLabel(verdict),
                Durations.number(e.ratio()),
                e.confidence(),
                bound,
                e.tier(),
                Durations.number(e.tolerance())));
    lines.add(
        "         bound %s  %s"
            .formatted(
                meter(e),
                e.within()
                    ? ansi.green("within the " + e.tier() + " tolerance")
                    : ansi.yellow("not yet below the " + e.tier() + " tolerance")));
    if (e.blocker() != null) {
      lines.add("         " + ansi.yellow(fit(e.blocker(), width - 10)));
    }
  }

  /** {@code ██████████████····│·········}: the bound's place, the tolerance at the mark. */
  String meter(GateEvidence e) {
    double bound = e.upperBound() == null ? Double.POSITIVE_INFINITY : e.upperBound();
    double span = Math.max(1e-9, e.tolerance() - 1);
    double position = Math.max(0, (bound - 1) / span * TOLERANCE_MARK);
    int cells = (int) Math.min(METER, Math.round(position));
    StringBuilder meter = new StringBuilder();
    for (int i = 0; i < METER; i++) {
      meter.append(i < cells ? '█' : '·');
    }
    String filled = meter.substring(0, Math.min(cells, TOLERANCE_MARK));
    String before = meter.substring(filled.length(), TOLERANCE_MARK);
    String after = meter.substring(TOLERANCE_MARK);
    String mark = "│";
    return (e.within() ? ansi.green(filled) : ansi.yellow(filled))
        + ansi.dim(before)
        + ansi.bold(mark)
        + (cells > TOLERANCE_MARK ? ansi.yellow(after) : ansi.dim(after));
  }

  private String statusLabel(String status) {
    String label = status == null ? "UNKNOWN" : status;
    return switch (label) {
      case "COMPLETED", "PASSED" -> ansi.green(label);
      case "FAILED", "ROLLED_BACK", "ABORTED", "ROLLBACK_INCOMPLETE", "ROLLBACK_FAILED" ->
          ansi.red(label);
      case "PAUSED",
          "AWAITING_APPROVAL",
          "WAITING_FOR_WINDOW",
          "WAITING_FOR_TARGETS",
          "ROLLING_BACK",
          "INCONCLUSIVE" ->
          ansi.yellow(label);
      case "PENDING" -> ansi.dim(label);
      default -> ansi.cyan(label);
    };
  }

  private String verdictLabel(String verdict) {
    return switch (verdict) {
      case "PASS" -> ansi.green(verdict);
      case "FAIL" -> ansi.red(verdict);
      default -> ansi.yellow(verdict);
    };
  }

  private static String pad(int index, int count) {
    String total = String.valueOf(Math.max(count, index));
    return String.format(java.util.Locale.ROOT, "%" + total.length() + "d/%s", index, total);
  }

  static String fit(String text, int max) {
    if (text == null) {
      return "";
    }
    int limit = Math.max(8, max);
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
