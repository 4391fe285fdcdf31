package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.waveguard.api.dto.ChangeCalendarRequest;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.settings.PolicySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's defaults of a release's own knobs, for every request that does not set them (its
 * {@code policy} fields of the same names). Defaults are {@link ReleasePolicy#defaults()}; the
 * bounds are those a request's policy has.
 */
public class ReleaseConfiguration {

  private static final ReleasePolicy DEFAULTS = ReleasePolicy.defaults();

  /** Per-wave gate: each wave's fixed bake. */
  @Min(1)
  @Max(7 * 24 * 3600)
  @JsonProperty
  public long bakeSeconds = DEFAULTS.bakeSeconds();

  /** Per-wave gate: bake extensions an inconclusive gate may take before a human decides. */
  @Min(0)
  @Max(100)
  @JsonProperty
  public int maxBakeExtensions = DEFAULTS.maxBakeExtensions();

  /** Waves and canary: share of the targets in the first wave. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("100")
  @JsonProperty
  public double firstWavePercent = DEFAULTS.firstWavePercent();

  /** Waves: each wave is this many times larger than the one before. */
  @DecimalMin("1")
  @DecimalMax("100")
  @JsonProperty
  public double waveGrowthFactor = DEFAULTS.waveGrowthFactor();

  /** Per-wave gate: requests each cohort needs before the gate decides. */
  @Min(0)
  @JsonProperty
  public long minRequestsPerCohort = DEFAULTS.minRequestsPerCohort();

  /** Tiers whose first wave waits for an operator's approval. */
  @NotNull
  @Size(max = 10)
  @JsonProperty
  public List<@NotNull Tier> approvalTiers = new ArrayList<>(DEFAULTS.approvalTiers());

  /**
   * Per-wave gate: requests the deployed cohort must have served before a wave enters a higher tier
   * (the sequential gate's confidence bound replaces the count); 0 = minRequestsPerCohort.
   */
  @Min(0)
  @JsonProperty
  public long minEvidenceRequests = DEFAULTS.minEvidenceRequests();

  /**
   * When waves may start, for every release: weekly windows and blackouts in a time zone. A
   * release's policy may name its own windows; these blackouts apply to it in any case. Absent: any
   * time.
   */
  @Valid @JsonProperty public ChangeCalendarRequest changeCalendar;

  /** The calendar above as the policy core reads it, or what is wrong with it. */
  ChangeCalendarRequest.Parsed parsedChangeCalendar() {
    return changeCalendar == null
        ? new ChangeCalendarRequest.Parsed(null, List.of())
        : changeCalendar.parse("release.changeCalendar", null);
  }

  PolicySettings.Release toSettings() {
    return new PolicySettings.Release(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        minRequestsPerCohort,
        approvalTiers,
        minEvidenceRequests,
        parsedChangeCalendar().calendar());
  }
}
