package io.waveguard.policy.plan;

import io.waveguard.policy.model.Tier;
import java.util.Locale;

/**
 * Whether the deployed cohort met a tier's trust threshold when the plan entered the tier. An unmet
 * threshold does not block planning: the tier still follows the lower ones, and the runtime gate or
 * an approval decides when the wave is due.
 */
record TierEntry(Tier tier, boolean cohortEmpty, double cohortTrust, double threshold) {

  static TierEntry check(Tier tier, DeployedCohort cohort, double threshold) {
    return new TierEntry(tier, cohort.isEmpty(), cohort.trust(), threshold);
  }

  boolean met() {
    return cohortTrust >= threshold;
  }

  /** The full account, given on the first wave of the tier. */
  String reason() {
    String cohort =
        cohortEmpty
            ? "no deployed cohort yet"
            : String.format(Locale.ROOT, "deployed cohort trust %.3f", cohortTrust);
    if (cohortEmpty && met()) {
      return String.format(
          Locale.ROOT,
          "enters tier: first tier, threshold %.3f needs no deployed cohort",
          threshold);
    }
    String verdict =
        met()
            ? String.format(Locale.ROOT, "enters tier: %s >= threshold %.3f", cohort, threshold)
            : String.format(
                Locale.ROOT,
                "enters tier: %s < threshold %.3f: threshold not met at plan time, runtime"
                    + " gate/approval decides",
                cohort,
                threshold);
    return verdict;
  }

  /** One clause for waves and placements after the first. */
  String shortNote() {
    return met()
        ? "tier " + tier.wireName() + " threshold met at plan time"
        : "tier " + tier.wireName() + " threshold not met at plan time";
  }
}
