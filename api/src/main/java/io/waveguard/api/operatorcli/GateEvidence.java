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
 */
record GateEvidence(
    double ratio, String confidence, Double upperBound, String tier, double tolerance) {

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
            number(m.group(5))));
  }

  /** True once the bound is shown below the tolerance. */
  boolean within() {
    return upperBound != null && upperBound <= tolerance;
  }

  private static double number(String text) {
    return text.equals("∞") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
  }
}
