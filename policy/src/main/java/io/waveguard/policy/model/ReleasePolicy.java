package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.waveguard.policy.calendar.ChangeCalendar;
import java.util.List;

/**
 * The knobs of one release, resolved once when it starts (request overrides on server defaults) and
 * carried in the workflow input, so a configuration change never changes a running release.
 *
 * @param bakeSeconds how long each wave bakes under the per-wave gate (a fixed bake)
 * @param maxBakeExtensions how often an inconclusive per-wave gate may extend the bake before a
 *     human decides
 * @param firstWavePercent share of the targets in the first wave
 * @param waveGrowthFactor each wave is this many times larger than the one before
 * @param minRequestsPerCohort the per-wave gate needs this many requests in each cohort to decide
 * @param approvalTiers tiers whose first wave waits for an operator's approval
 * @param sequentialGate the release-wide sequential gate with adaptive bakes; null for the per-wave
 *     gate with fixed bakes (and for every release started before the sequential gate existed)
 * @param trust the trust model and planning resolved at start; null for releases started before it
 *     was carried here, which plan with the server's
 * @param whenTargetsHeld refuse or wait when another running release holds some of the targets;
 *     {@link TargetsHeldPolicy#REFUSE} when absent (and for releases started before it existed)
 * @param minEvidenceRequests requests the deployed cohort must have served before a wave under the
 *     per-wave gate enters a higher tier; 0 (the default, and every release started before it
 *     existed) means {@code minRequestsPerCohort}. Left out of the JSON when 0, so a release with
 *     the default carries exactly the input it always did
 * @param changeCalendar when waves may start (change windows and blackouts); null, as for every
 *     release started before calendars existed, when any moment will do. Left out of the JSON when
 *     null
 * @param notifications the webhooks told about the release's progress (server-configured ones by
 *     name, the request's own by URL), with the events each receives; empty, as for every release
 *     started before notifications existed, for none. Left out of the JSON when empty
 */
// Releases started while the ratio gate existed carry maxErrorRateRatio in their input; it is
// read and dropped so their histories still replay.
@JsonIgnoreProperties({"maxErrorRateRatio"})
public record ReleasePolicy(
    long bakeSeconds,
    int maxBakeExtensions,
    double firstWavePercent,
    double waveGrowthFactor,
    long minRequestsPerCohort,
    List<Tier> approvalTiers,
    SequentialGatePolicy sequentialGate,
    TrustPolicy trust,
    TargetsHeldPolicy whenTargetsHeld,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long minEvidenceRequests,
    @JsonInclude(JsonInclude.Include.NON_NULL) ChangeCalendar changeCalendar,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NotificationWebhook> notifications) {

  public ReleasePolicy {
    approvalTiers = approvalTiers == null ? List.of() : List.copyOf(approvalTiers);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    whenTargetsHeld = whenTargetsHeld == null ? TargetsHeldPolicy.REFUSE : whenTargetsHeld;
    if (minEvidenceRequests < 0) {
      throw new IllegalArgumentException("minEvidenceRequests must be >= 0");
    }
  }

  /** A policy that notifies no webhook (every release started before notifications existed). */
  public ReleasePolicy(
      long bakeSeconds,
      int maxBakeExtensions,
      double firstWavePercent,
      double waveGrowthFactor,
      long minRequestsPerCohort,
      List<Tier> approvalTiers,
      SequentialGatePolicy sequentialGate,
      TrustPolicy trust,
      TargetsHeldPolicy whenTargetsHeld,
      long minEvidenceRequests,
      ChangeCalendar changeCalendar) {
    this(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        whenTargetsHeld,
        minEvidenceRequests,
        changeCalendar,
        List.of());
  }

  /** A policy whose tier entry needs {@code minRequestsPerCohort} requests (the default). */
  public ReleasePolicy(
      long bakeSeconds,
      int maxBakeExtensions,
      double firstWavePercent,
      double waveGrowthFactor,
      long minRequestsPerCohort,
      List<Tier> approvalTiers,
      SequentialGatePolicy sequentialGate,
      TrustPolicy trust,
      TargetsHeldPolicy whenTargetsHeld) {
    this(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        whenTargetsHeld,
        0,
        null);
  }

  /** A policy that refuses targets held by another running release (the default). */
  public ReleasePolicy(
      long bakeSeconds,
      int maxBakeExtensions,
      double firstWavePercent,
      double waveGrowthFactor,
      long minRequestsPerCohort,
      List<Tier> approvalTiers,
      SequentialGatePolicy sequentialGate,
      TrustPolicy trust) {
    this(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        TargetsHeldPolicy.REFUSE);
  }

  /** Per-wave defaults: 600 s bakes, 2 extensions, 5 % then ×3, 1,000 requests per cohort. */
  public static ReleasePolicy defaults() {
    return new ReleasePolicy(600, 2, 5.0, 3.0, 1_000, List.of(), null, null);
  }

  /** The defaults with the sequential gate's defaults. */
  public static ReleasePolicy sequentialDefaults() {
    return defaults().withSequentialGate(SequentialGatePolicy.defaults());
  }

  public ReleasePolicy withBakeSeconds(long seconds) {
    return new ReleasePolicy(
        seconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        whenTargetsHeld,
        minEvidenceRequests,
        changeCalendar,
        notifications);
  }

  public ReleasePolicy withApprovalTiers(List<Tier> tiers) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        tiers,
        sequentialGate,
        trust,
        whenTargetsHeld,
        minEvidenceRequests,
        changeCalendar,
        notifications);
  }

  public ReleasePolicy withSequentialGate(SequentialGatePolicy gate) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        gate,
        trust,
        whenTargetsHeld,
        minEvidenceRequests,
        changeCalendar,
        notifications);
  }

  public ReleasePolicy withTrust(TrustPolicy resolved) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        resolved,
        whenTargetsHeld,
        minEvidenceRequests,
        changeCalendar,
        notifications);
  }

  public ReleasePolicy withWhenTargetsHeld(TargetsHeldPolicy policy) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        policy,
        minEvidenceRequests,
        changeCalendar,
        notifications);
  }

  public ReleasePolicy withChangeCalendar(ChangeCalendar calendar) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        whenTargetsHeld,
        minEvidenceRequests,
        calendar == null || calendar.isAlways() ? null : calendar,
        notifications);
  }

  public ReleasePolicy withNotifications(List<NotificationWebhook> webhooks) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        sequentialGate,
        trust,
        whenTargetsHeld,
        minEvidenceRequests,
        changeCalendar,
        webhooks);
  }

  /** The webhooks that receive {@code event}, in the policy's order. */
  public List<NotificationWebhook> webhooksFor(NotificationEvent event) {
    return notifications.stream().filter(w -> w.receives(event)).toList();
  }

  /** True when some webhook receives some event of this release. */
  public boolean hasNotifications() {
    return notifications.stream().anyMatch(w -> !w.events().isEmpty());
  }

  /** True when a change calendar may hold a wave's start (one that always allows does not). */
  /**
   * How long a wave bakes at the least: the sequential gate's minimum bake, or the per-wave gate's
   * fixed bake (extensions only add to it).
   */
  public long shortestBakeSeconds() {
    return hasSequentialGate() ? sequentialGate.minBakeSeconds() : bakeSeconds;
  }

  public boolean hasChangeCalendar() {
    return changeCalendar != null && !changeCalendar.isAlways();
  }

  /** Whether the release waits for targets another running release holds, instead of failing. */
  public boolean waitsForHeldTargets() {
    return whenTargetsHeld == TargetsHeldPolicy.WAIT;
  }

  public boolean requiresApproval(Tier tier) {
    return approvalTiers.contains(tier);
  }

  public boolean hasSequentialGate() {
    return sequentialGate != null;
  }

  /**
   * Requests the deployed cohort must have served before a wave enters a higher tier: {@code
   * minEvidenceRequests}, or {@code minRequestsPerCohort} when that is 0. The sequential gate
   * replaces the count with its confidence bound, so then none.
   */
  public long tierEntryMinRequests() {
    if (hasSequentialGate()) {
      return 0;
    }
    return minEvidenceRequests > 0 ? minEvidenceRequests : minRequestsPerCohort;
  }
}
