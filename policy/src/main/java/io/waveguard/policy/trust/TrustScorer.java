package io.waveguard.policy.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * Computes a target's trust from its decayed history and live health (DESIGN §3). Pure: the history
 * must already be decayed to the moment of scoring ({@link TargetHistory#fold} or {@link
 * TargetHistory#decayedTo}); this class never reads a clock.
 *
 * <p>The model, with prior mean μ₀ = α₀/(α₀+β₀), evidence scale s, health weight w and a health
 * reading worth H outcomes:
 *
 * <ul>
 *   <li>history: g, b decayed good/bad counts, n = g+b; history mean = (sμ₀ + g)/(s + n).
 *   <li>data mean d: the blend (1−w)·g/n + w·h when both history and health exist; g/n or h when
 *       only one does. Health enters as a fixed share so a currently broken target loses trust
 *       however long its good record is.
 *   <li>evidence E = n (+ H when there is health); the posterior is Beta(sμ₀ + E·d, s(1−μ₀) +
 *       E·(1−d)): with little evidence it sits on the fleet prior, with much on the data.
 *   <li>trust = posterior mean; lower bound = its {@code credibleQuantile} quantile.
 * </ul>
 */
public final class TrustScorer {

  private final TrustParameters parameters;

  public TrustScorer(TrustParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters);
  }

  public TrustParameters parameters() {
    return parameters;
  }

  /** Trust from history alone (no telemetry available). */
  public TrustScore score(TargetHistory history) {
    return score(history, null);
  }

  /**
   * Trust from history and live telemetry; {@code indicators} may be null or thin, and then counts
   * as no health evidence at all.
   */
  public TrustScore score(TargetHistory history, HealthIndicators indicators) {
    Objects.requireNonNull(history, "history");
    double priorMean = parameters.priorMean();
    double scale = parameters.evidenceScale();
    double n = history.count();
    double historyMean = (scale * priorMean + history.good()) / (scale + n);

    Optional<HealthScore> healthScore =
        parameters.healthWeight() > 0
            ? HealthScore.of(indicators, parameters.health())
            : Optional.empty();
    Double health = healthScore.map(HealthScore::value).orElse(null);

    double evidence = n + (health == null ? 0 : parameters.healthEvidence());
    double dataMean = dataMean(history, health);
    double alpha = scale * priorMean + evidence * dataMean;
    double beta = scale * (1 - priorMean) + evidence * (1 - dataMean);
    double mean = alpha / (alpha + beta);
    double lowerBound = BetaDistribution.quantile(parameters.credibleQuantile(), alpha, beta);
    return new TrustScore(
        mean,
        lowerBound,
        historyMean,
        health,
        evidence,
        alpha,
        beta,
        history,
        indicators,
        parameters);
  }

  private double dataMean(TargetHistory history, Double health) {
    boolean hasHistory = history.count() > 0;
    if (!hasHistory && health == null) {
      return parameters.priorMean(); // no data: weight 0 anyway, any value in [0, 1] works
    }
    if (!hasHistory) {
      return health;
    }
    double record = history.good() / history.count();
    if (health == null) {
      return record;
    }
    double w = parameters.healthWeight();
    return (1 - w) * record + w * health;
  }
}
