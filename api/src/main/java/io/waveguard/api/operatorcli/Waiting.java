package io.waveguard.api.operatorcli;

import io.waveguard.api.operatorcli.ReleaseSnapshot.Wave;

/** What a release waits for, and why, in one line. */
final class Waiting {

  private Waiting() {}

  static String describe(ReleaseSnapshot s) {
    String status = s.status() == null ? "UNKNOWN" : s.status();
    return switch (status) {
      case "PLANNING" -> "planning its waves";
      case "PAUSED" -> "paused: " + or(s.pauseReason(), "waits for resume");
      case "AWAITING_APPROVAL" ->
          "awaiting approval: " + or(s.waitingFor(), "an operator's approve");
      case "WAITING_FOR_WINDOW" ->
          "waiting for change window: " + or(s.waitingFor(), "the next allowed moment");
      case "WAITING_FOR_TARGETS" ->
          "waiting for targets: " + or(s.waitingFor(), "another release holds them");
      case "ROLLING_BACK" -> "rolling back: " + or(s.outcomeReason(), "");
      case "ROLLBACK_INCOMPLETE" ->
          "rollback incomplete, %d target(s) still on the new build: %s"
              .formatted(s.strandedTargets().size(), or(s.outcomeReason(), ""));
      case "RUNNING" -> running(s);
      default -> status.toLowerCase(java.util.Locale.ROOT) + ": " + or(s.outcomeReason(), "");
    };
  }

  /**
   * As {@link #describe}, without the step of a bake ("bake extension 2", "gate evaluation"): it
   * changes every gate period, which a log of changes should not repeat.
   */
  static String coarse(ReleaseSnapshot s) {
    Wave wave = s.current();
    boolean baking =
        "RUNNING".equals(s.status())
            && wave != null
            && ("BAKING".equals(wave.status()) || "EVALUATING".equals(wave.status()));
    return baking ? "baking wave " + wave.index() : describe(s);
  }

  private static String running(ReleaseSnapshot s) {
    Wave wave = s.current();
    String next = or(s.waitingFor(), "");
    if (wave == null) {
      return next;
    }
    String what =
        switch (or(wave.status(), "")) {
          case "DEPLOYING" -> "deploying wave " + wave.index();
          case "BAKING", "EVALUATING" -> "baking wave " + wave.index();
          default -> "wave " + wave.index();
        };
    return next.isEmpty() ? what : what + ": " + next;
  }

  private static String or(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text;
  }
}
