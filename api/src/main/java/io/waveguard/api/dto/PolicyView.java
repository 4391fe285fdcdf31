package io.waveguard.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.TargetsHeldPolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TrustPolicy;
import java.util.List;

/**
 * A release's whole effective policy as it was resolved at start: request overrides on the server's
 * defaults. A configuration change since then does not change it.
 *
 * @param bakeSeconds per-wave gate: each wave's fixed bake
 * @param maxBakeExtensions per-wave gate: bake extensions before a human decides
 * @param minRequestsPerCohort per-wave gate: requests each cohort needs before it decides
 * @param sequentialGate the sequential gate's settings; null under the per-wave gate
 * @param trust the trust model and planning the release was started with; null for releases started
 *     before they were carried in the policy
 * @param whenTargetsHeld refuse or wait when another running release holds some of its targets
 * @param changeCalendar when its waves may start (the server's blackouts included); null for any
 *     time
 * @param notifications the webhooks it notifies: server webhooks by name, its own by URL, each with
 *     its events (secrets appear by name only)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PolicyView(
    GateMode gateMode,
    long bakeSeconds,
    int maxBakeExtensions,
    double firstWavePercent,
    double waveGrowthFactor,
    long minRequestsPerCohort,
    List<Tier> approvalTiers,
    SequentialGateView sequentialGate,
    TrustPolicy trust,
    TargetsHeldPolicy whenTargetsHeld,
    ChangeCalendarRequest changeCalendar,
    List<NotificationWebhook> notifications) {

  public static PolicyView of(ReleasePolicy policy) {
    return new PolicyView(
        policy.hasSequentialGate() ? GateMode.SEQUENTIAL : GateMode.PER_WAVE,
        policy.bakeSeconds(),
        policy.maxBakeExtensions(),
        policy.firstWavePercent(),
        policy.waveGrowthFactor(),
        policy.minRequestsPerCohort(),
        policy.approvalTiers(),
        policy.hasSequentialGate() ? SequentialGateView.of(policy.sequentialGate()) : null,
        policy.trust(),
        policy.whenTargetsHeld(),
        ChangeCalendarRequest.of(policy.changeCalendar()),
        policy.notifications());
  }
}
