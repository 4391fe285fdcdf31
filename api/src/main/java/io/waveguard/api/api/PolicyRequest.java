package io.waveguard.api.api;

import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.Tier;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Overrides of a release's policy; each absent field keeps its default from {@link
 * ReleasePolicy#defaults()}. Bounds keep a typo from running a release for a year.
 */
public record PolicyRequest(
    @Min(1) @Max(7 * 24 * 3600) Long bakeSeconds,
    @Min(0) @Max(100) Integer maxBakeExtensions,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double firstWavePercent,
    @DecimalMin("1") @DecimalMax("100") Double waveGrowthFactor,
    @DecimalMin(value = "1", inclusive = false) Double maxErrorRateRatio,
    @Min(0) Long minRequestsPerCohort,
    @Size(max = 10) List<@NotNull Tier> approvalTiers) {

  public ReleasePolicy toPolicy() {
    ReleasePolicy d = ReleasePolicy.defaults();
    return new ReleasePolicy(
        bakeSeconds == null ? d.bakeSeconds() : bakeSeconds,
        maxBakeExtensions == null ? d.maxBakeExtensions() : maxBakeExtensions,
        firstWavePercent == null ? d.firstWavePercent() : firstWavePercent,
        waveGrowthFactor == null ? d.waveGrowthFactor() : waveGrowthFactor,
        maxErrorRateRatio == null ? d.maxErrorRateRatio() : maxErrorRateRatio,
        minRequestsPerCohort == null ? d.minRequestsPerCohort() : minRequestsPerCohort,
        approvalTiers == null ? d.approvalTiers() : approvalTiers);
  }
}
