package io.waveguard.policy.gate.sequential;

import java.util.List;

/**
 * How many of the deployed targets reported in a period. A wave whose targets partly fall silent
 * must not pass on the ones that still report (DESIGN §4, "silence is never health").
 */
public record Coverage(int reportingTargets, List<String> silentTargets) {

  /** Ids named in a reason at most; the count is always given. */
  private static final int NAMED = 10;

  public Coverage {
    silentTargets = List.copyOf(silentTargets);
  }

  public static Coverage full(int targets) {
    return new Coverage(targets, List.of());
  }

  public double silentShare() {
    int all = reportingTargets + silentTargets.size();
    return all == 0 ? 1 : (double) silentTargets.size() / all;
  }

  public boolean allows(double maxSilentShare) {
    return reportingTargets > 0 && silentShare() <= maxSilentShare;
  }

  /** "3 of 12 deployed targets reported nothing: t1, t2, t3". */
  public String describe() {
    int all = reportingTargets + silentTargets.size();
    String named =
        String.join(", ", silentTargets.subList(0, Math.min(NAMED, silentTargets.size())));
    String more = silentTargets.size() > NAMED ? ", …" : "";
    return "%d of %d deployed targets reported nothing%s"
        .formatted(silentTargets.size(), all, silentTargets.isEmpty() ? "" : ": " + named + more);
  }
}
