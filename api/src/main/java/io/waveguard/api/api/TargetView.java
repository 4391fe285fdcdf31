package io.waveguard.api.api;

import io.waveguard.workflows.model.Target;
import io.waveguard.workflows.model.Tier;
import java.util.Map;

/** A target as the API shows it. */
public record TargetView(
    String id, String service, String segment, Tier tier, double size, Map<String, String> labels) {

  public static TargetView of(Target target) {
    return new TargetView(
        target.id(),
        target.service(),
        target.segment(),
        target.tier(),
        target.size(),
        target.labels());
  }
}
