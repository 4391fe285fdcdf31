package io.waveguard.simulation.report;

/**
 * A figure with its 95 % confidence interval. NaN where there is nothing to estimate (no faulty
 * release detected, a zero denominator); writers print those as null or "n/a".
 */
public record Estimate(double value, double low, double high) {

  public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);

  public boolean defined() {
    return !Double.isNaN(value);
  }
}
