package io.waveguard.api.operatorcli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequential gate's bound against the tier's tolerance, read from a gate verdict's reason
 * ("error ratio ≈ 1.08, 95.0 % upper bound ≤ 1.50 (low tolerance 2.00)"): the release view carries
 * the numbers only in that sentence.
 *
 * @param ratio the estimated deployed/controls error-rate ratio
 * @param confidence the bound's confidence in percent
 * @param upperBound the upper bound of the ratio, or null while unbounded
 * @param tier the tier whose tolerance the bound must get below
 * @param blocker what else keeps the wave from passing (silent targets, say), or null
 */
record GateEvidence(
    double ratio,
    String confidence,
    Double upperBound,
    String tier,
    double tolerance,
    String blocker) {

  private static final String NUMBER = "([0-9.]+(?:e[+-]?[0-9]+)?|∞)";

  private static final Pattern BOUND =
      Pattern.compile(
          "error ratio ≈ "
              + NUMBER
              + ", ([0-9.]+) % upper bound (?:≤ "
              + NUMBER
              + "|unbounded) \\(([a-z-]+) tolerance "
              + NUMBER
              + "\\)");

  static Optional<GateEvidence> parse(String reason) {
    if (reason == null) {
      return Optional.empty();
    }
    Matcher m = BOUND.matcher(reason);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new GateEvidence(
            number(m.group(1)),
            m.group(2),
            m.group(3) == null ? null : number(m.group(3)),
            m.group(4),
            number(m.group(5)),
            blocker(reason.substring(m.end()))));
  }

  /** The clauses after the bound, less the tolerance's verdict and the distance to rollback. */
  private static String blocker(String rest) {
    StringBuilder blocker = new StringBuilder();
    for (String clause : rest.split(";")) {
      String text = clause.strip();
      if (!text.isEmpty()
          && !text.startsWith("not yet below the tolerance")
          && !text.startsWith("closest to rollback")) {
        blocker.append(blocker.isEmpty() ? "" : "; ").append(text);
      }
    }
    return blocker.isEmpty() ? null : blocker.toString();
  }

  /** True once the bound is shown below the tolerance. */
  boolean within() {
    return upperBound != null && upperBound <= tolerance;
  }

  private static double number(String text) {
    return text.equals("∞") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
  }
}
