package io.waveguard.api.dto;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.Map;

/**
 * A target as the API shows it.
 *
 * @param trust its latest trust snapshot; null until trust was first computed
 */
public record TargetView(
    String id,
    String service,
    String segment,
    Tier tier,
    double size,
    Map<String, String> labels,
    TrustSummary trust) {

  public static TargetView of(Target target) {
    return of(target, null);
  }

  public static TargetView of(Target target, TrustSummary trust) {
    return new TargetView(
        target.id(),
        target.service(),
        target.segment(),
        target.tier(),
        target.size(),
        target.labels(),
        trust);
  }
}
