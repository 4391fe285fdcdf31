package io.waveguard.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.TargetsHeldPolicy;
import io.waveguard.policy.model.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Overrides of a release's policy; each absent field keeps the server's default (its {@code
 * release:} and {@code gate:} configuration). Bounds keep a typo from running a release for a year;
 * the combination is checked when the policy is resolved.
 *
 * @param bakeSeconds per-wave gate: each wave's fixed bake
 * @param maxBakeExtensions per-wave gate: bake extensions before a human decides
 * @param minRequestsPerCohort per-wave gate: requests each cohort needs before it decides
 * @param gateMode {@code sequential} or {@code per-wave}
 * @param gatePeriodSeconds sequential gate: it judges the release after every period this long
 * @param minBakeSeconds sequential gate: no wave moves on before baking this long
 * @param maxBakeSeconds sequential gate: an undecided wave pauses for a human after this long
 * @param tierTolerances sequential gate: the rate ratio each tier accepts, keyed by tier
 * @param alpha sequential gate: false-rollback budget of the whole release
 * @param maxErrorRateRatio removed with the ratio gate; only present to answer what replaced it
 * @param whenTargetsHeld {@code refuse} (the default: 409 naming the release that holds them) or
 *     {@code wait} (start, and wait as WAITING_FOR_TARGETS until the holder lets go) when another
 *     running release holds some of the selected targets
 * @param changeCalendar when waves may start: weekly windows and blackouts in a time zone (absent:
 *     the server's calendar; its blackouts apply in any case)
 * @param notifications webhooks for this release: server webhooks by name with another choice of
 *     events, or webhooks of its own by URL (docs/notifications.md); absent: the server's webhooks
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record PolicyRequest(
    @Min(1) @Max(7 * 24 * 3600) Long bakeSeconds,
    @Min(0) @Max(100) Integer maxBakeExtensions,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double firstWavePercent,
    @DecimalMin("1") @DecimalMax("100") Double waveGrowthFactor,
    @Min(0) Long minRequestsPerCohort,
    @Size(max = 10) List<@NotNull Tier> approvalTiers,
    GateMode gateMode,
    @Min(1) @Max(24 * 3600) Long gatePeriodSeconds,
    @Min(1) @Max(7 * 24 * 3600) Long minBakeSeconds,
    @Min(1) @Max(7 * 24 * 3600) Long maxBakeSeconds,
    TierTolerancesJson tierTolerances,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "0.5", inclusive = false)
        Double alpha,
    // Not in the contract: sending it is always a 400 naming its replacement.
    @Schema(hidden = true) JsonNode maxErrorRateRatio,
    TargetsHeldPolicy whenTargetsHeld,
    @Valid ChangeCalendarRequest changeCalendar,
    @Size(max = 10) List<@NotNull NotificationRequest> notifications) {

  /** No overrides: the server's defaults. */
  public static PolicyRequest none() {
    return new PolicyRequest(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }
}
