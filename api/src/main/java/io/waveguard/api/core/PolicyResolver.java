package io.waveguard.api.core;

import io.waveguard.api.dto.ChangeCalendarRequest;
import io.waveguard.api.dto.GateMode;
import io.waveguard.api.dto.PolicyRequest;
import io.waveguard.api.dto.TierTolerancesJson;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TierTolerances;
import io.waveguard.policy.model.TrustPolicy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a release's whole effective policy once, when it starts: the request's overrides on the
 * server's defaults. The result travels in the workflow input, so a later configuration change
 * never changes a running release; input that cannot make a consistent policy is a 400 naming the
 * field.
 */
public final class PolicyResolver {

  private static final String TOLERANCES = "policy.tierTolerances";
  private static final String CALENDAR = "policy.changeCalendar";

  private final GateMode defaultMode;
  private final ReleasePolicy defaultRelease;
  private final SequentialGatePolicy defaultGate;
  private final TrustPolicy defaultTrust;
  private final Clock clock;
  private final ReleaseNotifications notifications;

  /**
   * @param defaultRelease the server's release knobs (bakes, wave sizes, approvals, tier-entry
   *     evidence) for requests that do not set them; its gate and trust are not read
   * @param defaultTrust the server's trust model and planning, carried into every release; null
   *     leaves them to the server at activity time (tests of the gate settings alone)
   */
  public PolicyResolver(
      GateMode defaultMode,
      ReleasePolicy defaultRelease,
      SequentialGatePolicy defaultGate,
      TrustPolicy defaultTrust) {
    this(defaultMode, defaultRelease, defaultGate, defaultTrust, Clock.systemUTC());
  }

  /**
   * @param clock what "now" is for a change calendar's check that it allows some time at all
   */
  public PolicyResolver(
      GateMode defaultMode,
      ReleasePolicy defaultRelease,
      SequentialGatePolicy defaultGate,
      TrustPolicy defaultTrust,
      Clock clock) {
    this(
        defaultMode, defaultRelease, defaultGate, defaultTrust, clock, ReleaseNotifications.none());
  }

  /**
   * @param clock what "now" is for a change calendar's check that it allows some time at all
   * @param notifications the server's webhooks and secret names, and whether requests may add
   *     webhooks by URL
   */
  public PolicyResolver(
      GateMode defaultMode,
      ReleasePolicy defaultRelease,
      SequentialGatePolicy defaultGate,
      TrustPolicy defaultTrust,
      Clock clock,
      ReleaseNotifications notifications) {
    this.defaultMode = defaultMode;
    this.defaultRelease = defaultRelease;
    this.defaultGate = defaultGate;
    this.defaultTrust = defaultTrust;
    this.clock = clock;
    this.notifications = notifications;
  }

  /** With the policy core's default release knobs. */
  public PolicyResolver(
      GateMode defaultMode, SequentialGatePolicy defaultGate, TrustPolicy defaultTrust) {
    this(defaultMode, ReleasePolicy.defaults(), defaultGate, defaultTrust);
  }

  public PolicyResolver(GateMode defaultMode, SequentialGatePolicy defaultGate) {
    this(defaultMode, defaultGate, null);
  }

  /** The server's defaults: those of a request without a policy. */
  public ReleasePolicy defaults() {
    return resolve(null);
  }

  /**
   * @param request the request's overrides; null for none
   * @throws ApiException 400 naming the field that cannot be honoured
   */
  public ReleasePolicy resolve(PolicyRequest request) {
    PolicyRequest r = request == null ? PolicyRequest.none() : request;
    if (r.maxErrorRateRatio() != null) {
      throw ApiException.removedField(
          "policy.maxErrorRateRatio",
          "policy.maxErrorRateRatio was removed with the ratio gate: the sequential gate's tier"
              + " tolerances replace it. Set policy.tierTolerances instead, e.g. {\"standard\":"
              + " 1.5}: a wave enters a tier once the deployed/controls rate ratio is shown below"
              + " that tier's tolerance.");
    }
    ReleasePolicy d = defaultRelease;
    ReleasePolicy perWave =
        new ReleasePolicy(
            or(r.bakeSeconds(), d.bakeSeconds()),
            or(r.maxBakeExtensions(), d.maxBakeExtensions()),
            or(r.firstWavePercent(), d.firstWavePercent()),
            or(r.waveGrowthFactor(), d.waveGrowthFactor()),
            or(r.minRequestsPerCohort(), d.minRequestsPerCohort()),
            r.approvalTiers() == null ? d.approvalTiers() : r.approvalTiers(),
            null,
            defaultTrust,
            r.whenTargetsHeld(),
            d.minEvidenceRequests(),
            changeCalendar(r.changeCalendar(), d.changeCalendar()),
            notifications.resolve(r.notifications()));
    if (mode(r) == GateMode.PER_WAVE) {
      rejectSequentialOnlyFields(r);
      return perWave;
    }
    return perWave.withSequentialGate(sequentialGate(r));
  }

  /**
   * The request's calendar on the server's: its zone and windows replace the server's, and the
   * server's blackouts (a freeze is everyone's) apply in any case. None at all is null, so the
   * policy's JSON stays what it was before calendars.
   */
  private ChangeCalendar changeCalendar(ChangeCalendarRequest requested, ChangeCalendar server) {
    if (requested == null) {
      return server;
    }
    ChangeCalendarRequest.Parsed parsed = requested.parse(CALENDAR, server);
    if (!parsed.problems().isEmpty()) {
      ChangeCalendarRequest.Problem first = parsed.problems().get(0);
      throw ApiException.invalidField(first.field(), first.field() + ": " + first.message());
    }
    ChangeCalendar calendar = parsed.calendar();
    List<String> problems = calendar.problems(clock.instant());
    if (!problems.isEmpty()) {
      // The core names the field relative to the calendar: "windows: no allowed time at all ...".
      String problem = problems.get(0);
      int colon = problem.indexOf(':');
      String field = colon > 0 ? CALENDAR + "." + problem.substring(0, colon) : CALENDAR;
      throw ApiException.invalidField(field, CALENDAR + "." + problem);
    }
    return calendar.isAlways() ? null : calendar;
  }

  private GateMode mode(PolicyRequest r) {
    return r.gateMode() == null ? defaultMode : r.gateMode();
  }

  /** A knob the release's gate would ignore would mislead whoever set it. */
  private void rejectSequentialOnlyFields(PolicyRequest r) {
    Map<String, Object> sequentialOnly = new LinkedHashMap<>();
    sequentialOnly.put("policy.alpha", r.alpha());
    sequentialOnly.put("policy.gatePeriodSeconds", r.gatePeriodSeconds());
    sequentialOnly.put("policy.minBakeSeconds", r.minBakeSeconds());
    sequentialOnly.put("policy.maxBakeSeconds", r.maxBakeSeconds());
    sequentialOnly.put(TOLERANCES, r.tierTolerances());
    String why =
        r.gateMode() == null
            ? "the server's default gate.mode is per-wave"
            : "policy.gateMode is per-wave";
    sequentialOnly.forEach(
        (field, value) -> {
          if (value != null) {
            throw ApiException.invalidField(
                field,
                "%s applies to the sequential gate only, and this release runs the per-wave gate"
                        .formatted(field)
                    + " (%s): drop it, or set policy.gateMode to sequential".formatted(why));
          }
        });
  }

  private SequentialGatePolicy sequentialGate(PolicyRequest r) {
    SequentialGatePolicy d = defaultGate;
    long period = or(r.gatePeriodSeconds(), d.periodSeconds());
    long minBake = or(r.minBakeSeconds(), d.minBakeSeconds());
    long maxBake = or(r.maxBakeSeconds(), d.maxBakeSeconds());
    checkTimings(r, period, minBake, maxBake);
    try {
      return new SequentialGatePolicy(
          or(r.alpha(), d.alpha()),
          d.entryAlpha(),
          tolerances(r.tierTolerances(), d.tolerances()),
          d.errorsShare(),
          d.latencyShare(),
          d.crashesShare(),
          d.availabilityShare(),
          d.overallStratumShare(),
          d.minStratumShare(),
          d.maxStrata(),
          d.latencyExceedanceRatio(),
          d.maxSilentShare(),
          period,
          minBake,
          maxBake,
          d.baselineSeconds());
    } catch (IllegalArgumentException inconsistent) {
      // The checks above name a field for every override; this is the core's last word.
      throw ApiException.invalidField("policy", "policy is inconsistent: " + inconsistent);
    }
  }

  /** Names the override that breaks period ≤ min bake ≤ max bake, with the values compared. */
  private void checkTimings(PolicyRequest r, long period, long minBake, long maxBake) {
    if (period > minBake) {
      String field =
          r.minBakeSeconds() != null ? "policy.minBakeSeconds" : "policy.gatePeriodSeconds";
      throw ApiException.invalidField(
          field,
          "%s: the gate period (%d s%s) must not exceed the minimum bake (%d s%s), or a wave would"
                  .formatted(
                      field,
                      period,
                      origin(r.gatePeriodSeconds()),
                      minBake,
                      origin(r.minBakeSeconds()))
              + " move on before the gate looked at it once");
    }
    if (minBake > maxBake) {
      String field = r.maxBakeSeconds() != null ? "policy.maxBakeSeconds" : "policy.minBakeSeconds";
      throw ApiException.invalidField(
          field,
          "%s: the minimum bake (%d s%s) must not exceed the maximum bake (%d s%s)"
              .formatted(
                  field, minBake, origin(r.minBakeSeconds()), maxBake, origin(r.maxBakeSeconds())));
    }
    if (period > defaultGate.baselineSeconds()) {
      throw ApiException.invalidField(
          "policy.gatePeriodSeconds",
          "policy.gatePeriodSeconds (%d s) must not exceed the baseline window (%d s, server"
                  .formatted(period, defaultGate.baselineSeconds())
              + " configuration gate.sequential.baselineSeconds)");
    }
  }

  private static String origin(Long requested) {
    return requested == null ? ", the server's default" : "";
  }

  private static TierTolerances tolerances(TierTolerancesJson requested, TierTolerances d) {
    if (requested == null) {
      return d;
    }
    double low = tolerance("low", requested.low(), d.low());
    double standard = tolerance("standard", requested.standard(), d.standard());
    double finance =
        tolerance("finance-critical", requested.financeCritical(), d.financeCritical());
    double safety = tolerance("safety-critical", requested.safetyCritical(), d.safetyCritical());
    try {
      return new TierTolerances(low, standard, finance, safety);
    } catch (IllegalArgumentException notOrdered) {
      throw ApiException.invalidField(
          TOLERANCES,
          "%s (with the server's defaults for tiers left out: low %s, standard %s,"
                  .formatted(TOLERANCES, low, standard)
              + " finance-critical %s, safety-critical %s): %s"
                  .formatted(finance, safety, notOrdered.getMessage()));
    }
  }

  private static double tolerance(String tier, Double requested, double fallback) {
    if (requested == null) {
      return fallback;
    }
    if (!(requested > 1) || Double.isInfinite(requested)) {
      String field = TOLERANCES + "." + tier;
      throw ApiException.invalidField(
          field,
          "%s must be a finite ratio greater than 1, not %s (1.5: a wave enters the tier once the"
                  .formatted(field, requested)
              + " deployed targets are shown to err at most 1.5 times as often as the controls)");
    }
    return requested;
  }

  private static long or(Long value, long fallback) {
    return value == null ? fallback : value;
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }
}
