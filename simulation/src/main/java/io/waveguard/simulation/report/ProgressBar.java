package io.waveguard.simulation.report;

import io.waveguard.simulation.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream (stderr), redrawn at most every 200 ms so the
 * workers never wait on it.
 */
public final class ProgressBar implements Progress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final long started = System.nanoTime();
  private volatile long lastDrawn;

  public ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void advanced(long done, long total) {
    long now = System.nanoTime();
    if (done < total && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    synchronized (this) {
      if (done < total && now - lastDrawn < REDRAW_NANOS) {
        return;
      }
      lastDrawn = now;
      draw(done, total, now);
    }
  }

  private void draw(long done, long total, long now) {
    double share = total == 0 ? 1 : (double) done / total;
    int filled = (int) Math.round(share * WIDTH);
    double seconds = (now - started) / 1e9;
    out.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %3.0f%% %,d/%,d releases %.0f s",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            100 * share,
            done,
            total,
            seconds));
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
