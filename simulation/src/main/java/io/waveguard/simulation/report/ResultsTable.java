package io.waveguard.simulation.report;

import java.util.List;
import java.util.Locale;

/** The plain-text table printed per cell: one row per strategy, the oracle floor underneath. */
public final class ResultsTable {

  private static final String ROW =
      "%-17s %-24s %-8s %-19s %-16s %-13s %-18s %-23s %-6s %-8s %-18s %s%n";

  private ResultsTable() {}

  public static String render(List<CellSummary> cells) {
    StringBuilder out = new StringBuilder();
    for (CellSummary cell : cells) {
      out.append(render(cell)).append('\n');
    }
    return out.toString();
  }

  public static String render(CellSummary cell) {
    StringBuilder out = new StringBuilder();
    StrategySummary first = cell.strategies().get(0);
    out.append(
        String.format(
            Locale.ROOT,
            "%s · rho = %s · r = %s · %d seeds × %d releases (%d faulty, %d good per strategy)%n",
            cell.scenario(),
            plain(cell.rho()),
            plain(cell.faultMagnitude()),
            cell.seeds(),
            cell.releasesPerSeed(),
            first.faulty().releases(),
            first.good().releases()));
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            "strategy",
            "high-tier exposure",
            "×canary",
            "safety touched",
            "hi-tier targets",
            "detect p50/95",
            "escape",
            "rollout p50 min",
            "p90",
            "×canary",
            "false rollback",
            "×floor hi/total"));
    for (StrategySummary s : cell.strategies()) {
      StrategySummary.Faulty f = s.faulty();
      StrategySummary.Good g = s.good();
      StrategySummary.Ratios r = s.ratios();
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              s.name(),
              withInterval(f.highTierExposure(), "%.4f"),
              fixed(r.highTierExposureVsCanary().value(), "%.3f"),
              percent(f.safetyCriticalTouchedRate()),
              withInterval(f.highTierTargetsTouched(), "%.1f"),
              fixed(f.timeToDetectMedianMinutes().value(), "%.0f")
                  + "/"
                  + fixed(f.timeToDetectP95Minutes(), "%.0f"),
              percent(f.escapeRate()),
              withInterval(g.timeToFullRolloutMedianMinutes(), "%.0f"),
              fixed(g.timeToFullRolloutP90Minutes(), "%.0f"),
              fixed(r.timeToFullRolloutVsCanary().value(), "%.2f"),
              percent(g.falseRollbackRate()),
              fixed(r.highTierExposureVsFloor().value(), "%.1f")
                  + "/"
                  + fixed(r.totalExposureVsFloor().value(), "%.1f")));
    }
    CellSummary.OracleSummary o = cell.oracle();
    out.append(
        String.format(
            Locale.ROOT,
            "%-17s high-tier %s, total %s; A/KL = %s requests%n",
            "oracle floor",
            withInterval(o.highTierExposure(), "%.4f"),
            withInterval(o.totalExposure(), "%.4f"),
            fixed(o.requestsNeeded(), "%.0f")));
    return out.toString();
  }

  static String withInterval(Estimate e, String format) {
    if (!e.defined()) {
      return "n/a";
    }
    return fixed(e.value(), format)
        + " ["
        + fixed(e.low(), format)
        + ", "
        + fixed(e.high(), format)
        + "]";
  }

  static String percent(Estimate e) {
    if (!e.defined()) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * e.value(), 100 * e.low(), 100 * e.high());
  }

  static String fixed(double v, String format) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
