package io.waveguard.api.demo;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.workflows.release.ReleaseState;
import io.waveguard.workflows.release.WaveView;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns successive polled states of releases into one line per change: a wave that moved on, or a
 * release whose status changed. Changes between two polls that undo each other are not seen. A wave
 * that bakes one gate period after another goes BAKING, EVALUATING, BAKING, ... every period: that
 * is one bake, printed once, and its end says how long the wave baked.
 */
final class ReleaseProgress {

  private final PrintStream out;
  private final Map<String, ReleaseStatus> releaseStatus = new HashMap<>();
  private final Map<String, Map<Integer, WaveStatus>> waveStatus = new HashMap<>();
  private final Map<String, Long> releaseStarted = new HashMap<>();
  private final Map<String, Long> bakeStarted = new HashMap<>();

  ReleaseProgress(PrintStream out) {
    this.out = out;
  }

  void observe(ReleaseState state) {
    String id = state.releaseId();
    long now = System.nanoTime();
    releaseStarted.putIfAbsent(id, now);
    boolean changed = state.status() != releaseStatus.put(id, state.status());
    // A release line announces what follows (RUNNING) or sums up what the waves did (ROLLED_BACK).
    boolean sumsUp = state.status().isFinal() || state.status() == ReleaseStatus.ROLLING_BACK;
    if (changed && !sumsUp) {
      out.println(releaseLine(state));
    }
    Map<Integer, WaveStatus> waves = waveStatus.computeIfAbsent(id, k -> new HashMap<>());
    for (WaveView wave : state.waves()) {
      // Every wave starts PENDING: that is the plan, announced by the RUNNING line, not progress.
      WaveStatus shown = baking(wave.status());
      if (shown != waves.getOrDefault(wave.index(), WaveStatus.PENDING)) {
        waves.put(wave.index(), shown);
        String key = id + "#" + wave.index();
        String line = waveLine(id, state.waveCount(), wave);
        if (shown == WaveStatus.BAKING) {
          bakeStarted.put(key, now);
        } else if (shown == WaveStatus.PASSED && bakeStarted.containsKey(key)) {
          line += "  baked " + seconds(now - bakeStarted.get(key));
        }
        out.println(line);
      }
    }
    if (changed && sumsUp) {
      String line = releaseLine(state);
      out.println(
          state.status().isFinal()
              ? line + "  (after " + seconds(now - releaseStarted.get(id)) + ")"
              : line);
    }
    out.flush();
  }

  /** Evaluating a period is part of the bake it ends. */
  private static WaveStatus baking(WaveStatus status) {
    return status == WaveStatus.EVALUATING ? WaveStatus.BAKING : status;
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** {@code [id] wave 3/6 PASSED (12 targets, tier standard) error 0.11% vs controls 0.10%} */
  static String waveLine(String releaseId, int waveCount, WaveView wave) {
    StringBuilder line =
        new StringBuilder(
            "[%s] wave %d/%d %-12s (%d targets, tier %s)"
                .formatted(
                    releaseId,
                    wave.index(),
                    waveCount,
                    wave.status(),
                    wave.targetCount(),
                    wave.highestTier() == null ? "?" : wave.highestTier().wireName()));
    GateResult gate = wave.gate();
    if (gate != null && gate.deployed() != null && gate.control() != null) {
      line.append(
          "  error %s vs controls %s".formatted(percent(gate.deployed()), percent(gate.control())));
    }
    return line.toString();
  }

  /** {@code [id] ROLLING_BACK wave 1 failed its gate: ...} */
  static String releaseLine(ReleaseState state) {
    String detail =
        switch (state.status()) {
          case PLANNING ->
              "%s %s via %s"
                  .formatted(
                      state.service(),
                      state.version(),
                      state.strategy() == null ? "?" : state.strategy().wireName());
          case RUNNING -> state.waveCount() + " waves planned";
          case PAUSED -> orEmpty(state.pauseReason());
          case AWAITING_APPROVAL -> orEmpty(state.waitingFor());
          default -> orEmpty(state.outcomeReason());
        };
    return "[%s] %s  %s".formatted(state.releaseId(), state.status(), detail).stripTrailing();
  }

  private static String percent(CohortStats stats) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * stats.errorRate());
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
