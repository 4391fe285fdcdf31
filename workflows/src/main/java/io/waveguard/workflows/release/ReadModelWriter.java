package io.waveguard.workflows.release;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Writes the release read model without ever holding the release up: one write in flight at a time,
 * newer snapshots coalesced into the next one, so a PostgreSQL outage delays the read model, never
 * a deploy or a rollback, and the newest snapshot always lands last.
 *
 * <p>Releases recorded before this existed wrote synchronously; {@code inline} keeps them so.
 */
final class ReadModelWriter {

  private static final Logger log = Workflow.getLogger(ReadModelWriter.class);

  private final ReleaseRecordActivities records;
  private final boolean inline;
  private boolean readableHistory;
  private boolean writing;
  private ReleaseSnapshot waiting;

  ReadModelWriter(ReleaseRecordActivities records, boolean inline) {
    this.records = records;
    this.inline = inline;
  }

  /**
   * From the {@code readable-history} change: each write says in the history what it records, and a
   * flush with nothing left to write leaves no timer behind.
   */
  void writeReadableHistory() {
    readableHistory = true;
  }

  void write(ReleaseSnapshot snapshot) {
    if (inline) {
      records.recordRelease(snapshot);
      return;
    }
    waiting = snapshot;
    sendIfIdle();
  }

  /** Sends the newest waiting snapshot unless a write is in flight; its end sends the next. */
  private void sendIfIdle() {
    if (writing || waiting == null) {
      return;
    }
    ReleaseSnapshot next = waiting;
    waiting = null;
    writing = true;
    Async.procedure(stubFor(next)::recordRelease, next)
        .handle(
            (done, failure) -> {
              if (failure != null) {
                log.warn("read model write failed: {}", failure.getMessage());
              }
              writing = false;
              sendIfIdle();
              return null;
            });
  }

  /**
   * At the release's end: lets the last writes land, for at most {@code patience}; a read model
   * that is still down then is left behind rather than holding the finished release open.
   */
  void flush(Duration patience) {
    if (inline) {
      return;
    }
    if (!readableHistory) {
      if (!Workflow.await(patience, this::isIdle)) {
        log.warn("read model still unwritten after {}; the release ends without it", patience);
      }
      return;
    }
    if (isIdle()) {
      return;
    }
    Promise<Void> timer =
        Workflow.newTimer(
            patience,
            TimerOptions.newBuilder()
                .setSummary("wait up to %s for the read model's last write".formatted(patience))
                .build());
    Workflow.await(() -> isIdle() || timer.isCompleted());
    if (!isIdle()) {
      log.warn("read model still unwritten after {}; the release ends without it", patience);
    }
  }

  private boolean isIdle() {
    return !writing && waiting == null;
  }

  private ReleaseRecordActivities stubFor(ReleaseSnapshot snapshot) {
    if (!readableHistory) {
      return records;
    }
    String where =
        snapshot.status().isFinal() || snapshot.currentWave() == 0
            ? ""
            : ", wave %d of %d".formatted(snapshot.currentWave(), snapshot.waveCount());
    return Workflow.newActivityStub(
        ReleaseRecordActivities.class,
        ReleaseActivityOptions.withSummary(
            ReleaseActivityOptions.RECORD, "read model: %s%s".formatted(snapshot.status(), where)));
  }
}
