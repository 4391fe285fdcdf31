package io.waveguard.policy.gate.sequential;

import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The deployed/controls rate ratios θ the gate keeps a likelihood for. The mixture over the points
 * above 1 is the alternative of the rollback test; the points below a tier's tolerance are the
 * alternative of its entry test, so every tolerance is a point of the grid.
 */
public record RatioGrid(double[] ratios) {

  /** Dense near 1, where faults are hard to see; sparse above 2, where they are easy. */
  private static final double[] BASE = {
    0.5, 0.67, 0.8, 0.9, 0.95, 1.0, 1.025, 1.05, 1.075, 1.1, 1.15, 1.2, 1.3, 1.4, 1.5, 1.75, 2, 2.5,
    3, 4, 6, 10, 20
  };

  public RatioGrid {
    ratios = ratios.clone();
    if (Arrays.binarySearch(ratios, 1.0) < 0) {
      throw new IllegalArgumentException("the grid must contain the ratio 1");
    }
  }

  /** The base grid with every tolerance added. */
  public static RatioGrid with(Collection<Double> tolerances) {
    TreeSet<Double> points = new TreeSet<>();
    Arrays.stream(BASE).forEach(points::add);
    points.addAll(tolerances);
    return new RatioGrid(points.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Override
  public double[] ratios() {
    return ratios.clone();
  }

  int size() {
    return ratios.length;
  }

  double at(int j) {
    return ratios[j];
  }

  int indexOf(double ratio) {
    int j = Arrays.binarySearch(ratios, ratio);
    if (j < 0) {
      throw new IllegalArgumentException("ratio " + ratio + " is not a grid point");
    }
    return j;
  }
}
