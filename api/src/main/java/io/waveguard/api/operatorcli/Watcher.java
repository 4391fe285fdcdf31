package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code watch}: polls a release until it ends, drawing it in place on a terminal or printing what
 * changed to a pipe, and returns the exit code of its final status. A server that stops answering
 * mid-watch is retried for {@link #OUTAGE_LIMIT} before the watch gives up.
 */
final class Watcher {

  /** Long enough to ride out a server restart; short enough that a stopped demo ends the watch. */
  static final Duration OUTAGE_LIMIT = Duration.ofSeconds(30);

  /** How the watch prints: redrawn in place, changed lines, or the API's JSON per change. */
  enum Mode {
    TTY,
    PLAIN,
    JSON
  }

  private final WaveguardClient client;
  private final PrintStream out;
  private final Mode mode;
  private final WatchScreen screen;
  private final Duration interval;
  private final Duration timeout;
  private final WatchLog log = new WatchLog();
  private final Map<Integer, Long> bakeStarted = new HashMap<>();
  private int drawn;
  private String lastJson;

  Watcher(
      WaveguardClient client,
      PrintStream out,
      Mode mode,
      WatchScreen screen,
      Duration interval,
      Duration timeout) {
    this.client = client;
    this.out = out;
    this.mode = mode;
    this.screen = screen;
    this.interval = interval;
    this.timeout = timeout;
  }

  int watch(String releaseId) throws InterruptedException {
    long started = System.nanoTime();
    long outageSince = -1;
    String path = "/api/v1/releases/" + OperatorCli.segment(releaseId);
    while (true) {
      JsonNode view;
      try {
        view = client.get(path, Map.of(), "read releases").body();
        outageSince = -1;
      } catch (ApiFailure e) {
        boolean transientFailure = e.status() == 0 || e.status() >= 500;
        if (lastJson == null || !transientFailure) {
          throw e;
        }
        long now = System.nanoTime();
        outageSince = outageSince < 0 ? now : outageSince;
        if (now - outageSince > OUTAGE_LIMIT.toNanos()) {
          throw e;
        }
        note(e.getMessage() + "; retrying");
        Thread.sleep(interval.toMillis());
        continue;
      }
      ReleaseSnapshot snapshot = ReleaseSnapshot.of(view);
      show(view, snapshot, times(snapshot, started));
      int code = ExitCodes.ofFinal(snapshot.status());
      if (code >= 0) {
        if (mode != Mode.JSON) {
          out.printf(
              "%s %s: %s%n",
              snapshot.releaseId(),
              snapshot.status(),
              snapshot.outcomeReason() == null ? "" : snapshot.outcomeReason());
        }
        out.flush();
        return code;
      }
      if (timeout != null && System.nanoTime() - started > timeout.toNanos()) {
        if (mode != Mode.JSON) {
          out.printf(
              "%s still %s after --timeout %d s%n",
              snapshot.releaseId(), snapshot.status(), timeout.toSeconds());
        }
        out.flush();
        return ExitCodes.TIMED_OUT;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private void show(JsonNode view, ReleaseSnapshot snapshot, WatchScreen.Times times) {
    switch (mode) {
      case TTY -> redraw(screen.lines(snapshot, times));
      case PLAIN -> log.changes(snapshot, times).forEach(out::println);
      case JSON -> {
        String json = view.toString();
        if (!json.equals(lastJson)) {
          out.println(json);
        }
        lastJson = json;
      }
    }
    lastJson = lastJson == null ? view.toString() : lastJson;
    out.flush();
  }

  private void redraw(List<String> lines) {
    StringBuilder frame = new StringBuilder();
    if (drawn > 0) {
      frame.append(Ansi.up(drawn));
    }
    for (String line : lines) {
      frame.append(line).append(Ansi.CLEAR_LINE).append('\n');
    }
    frame.append(Ansi.CLEAR_BELOW);
    out.print(frame);
    drawn = lines.size();
  }

  private void note(String message) {
    if (mode == Mode.TTY) {
      out.println(message + Ansi.CLEAR_LINE);
      drawn++;
    } else if (mode == Mode.PLAIN) {
      out.println(message);
    }
    out.flush();
  }

  private WatchScreen.Times times(ReleaseSnapshot snapshot, long watchStarted) {
    long now = System.nanoTime();
    Map<Integer, Double> baked = new HashMap<>();
    for (ReleaseSnapshot.Wave wave : snapshot.waves()) {
      boolean baking = "BAKING".equals(wave.status()) || "EVALUATING".equals(wave.status());
      if (baking) {
        long since = bakeStarted.computeIfAbsent(wave.index(), k -> now);
        baked.put(wave.index(), (now - since) / 1e9);
      } else {
        bakeStarted.remove(wave.index());
      }
    }
    long elapsed =
        snapshot.createdAt() == null
            ? (now - watchStarted) / 1_000_000_000L
            : Duration.between(snapshot.createdAt(), Instant.now()).toSeconds();
    return new WatchScreen.Times(elapsed, baked);
  }
}
