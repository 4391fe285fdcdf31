package io.waveguard.api.operatorcli;

import io.waveguard.api.operatorcli.ReleaseSnapshot.Wave;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watch as plain lines, for a pipe or a log: each poll prints only what changed since the last
 * one (the release's status, a wave's, the latest gate verdict, what it waits for), stamped with
 * the elapsed time. A wave evaluating one gate period after another is one bake, not a change.
 */
final class WatchLog {

  private final Map<String, String> last = new HashMap<>();

  List<String> changes(ReleaseSnapshot s, WatchScreen.Times times) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "status",
        "%s %s  wave %d of %d"
            .formatted(s.releaseId(), s.status(), s.currentWave(), s.waveCount()));
    for (Wave wave : s.waves()) {
      String status = "EVALUATING".equals(wave.status()) ? "BAKING" : wave.status();
      if ("PENDING".equals(status)) {
        // The plan, not progress: every wave starts pending.
        continue;
      }
      facts.put(
          "wave " + wave.index(),
          "wave %d/%d %s (%d targets, %s)"
              .formatted(wave.index(), s.waveCount(), status, wave.targetCount(), wave.tier()));
    }
    Wave judged = s.lastJudged();
    if (judged != null) {
      facts.put(
          "gate", "gate wave %d %s: %s".formatted(judged.index(), judged.verdict(), gate(judged)));
    }
    boolean ended = ExitCodes.ofFinal(s.status()) >= 0;
    facts.put("waiting", (ended ? "outcome: " : "waiting: ") + Waiting.coarse(s));
    List<String> lines = new ArrayList<>();
    String stamp = "[" + Durations.clock(times.elapsedSeconds()) + "] ";
    facts.forEach(
        (key, line) -> {
          if (!line.equals(last.get(key))) {
            last.put(key, line);
            lines.add(stamp + line);
          }
        });
    return lines;
  }

  private static String gate(Wave judged) {
    return GateEvidence.parse(judged.gateReason())
        .map(
            e ->
                "bound %s vs %s tolerance %s (ratio ≈ %s)%s"
                        .formatted(
                            e.upperBound() == null
                                ? "unbounded"
                                : "≤ " + Durations.number(e.upperBound()),
                            e.tier(),
                            Durations.number(e.tolerance()),
                            Durations.number(e.ratio()),
                            e.within() ? "" : ", not yet below")
                    + (e.blocker() == null ? "" : "; " + e.blocker()))
        .orElse(judged.gateReason());
  }
}
