package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DefaultDataConverter;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A release's history reads as an audit log: every step says what it did. */
class ReadableHistoryTest {

  private ReleaseTestEnvironment temporal;

  @BeforeEach
  void start() {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS);
    temporal = new ReleaseTestEnvironment().start(activities);
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void everyReadModelWriteSaysWhatItRecordsAndAFinishedReleaseLeavesNoIdleTimer() {
    ReleaseWorkflow release =
        temporal.startRelease(
            ReleaseTestEnvironment.spec(
                "readable", Strategy.TRUST_WEIGHTED, ReleaseHistoryRecorder.SEQUENTIAL));
    assertThat(release.run(null, null).status()).isEqualTo(ReleaseStatus.COMPLETED);
    List<HistoryEvent> events =
        temporal.client().fetchHistory("release-readable").getHistory().getEventsList();

    List<String> recordSummaries =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("RecordRelease"))
            .map(ReadableHistoryTest::summary)
            .toList();
    assertThat(recordSummaries)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s).startsWith("read model: "))
        .anyMatch(s -> s.matches("read model: RUNNING, wave 2 of \\d+"))
        .last()
        .isEqualTo("read model: COMPLETED");

    // Every timer says what it waits for; none waits on a read model already written.
    List<String> timerSummaries =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .map(ReadableHistoryTest::summary)
            .toList();
    assertThat(timerSummaries).isNotEmpty().allSatisfy(s -> assertThat(s).isNotBlank());
    // A slow machine may end the release while its last read-model write still runs; the wait for
    // it is then a timer, which the write's completion cancels. None ever fires.
    List<String> readModelTimers =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .filter(e -> summary(e).contains("read model"))
            .map(e -> e.getTimerStartedEventAttributes().getTimerId())
            .toList();
    assertThat(readModelTimers)
        .allSatisfy(
            id ->
                assertThat(timerEnding(events, id)).isEqualTo(EventType.EVENT_TYPE_TIMER_CANCELED))
        .hasSizeLessThanOrEqualTo(1);
    assertThat(timerSummaries.stream().filter(s -> s.contains("read model")))
        .allMatch(s -> s.startsWith("wait up to") && s.endsWith("for the read model's last write"));
  }

  /** How the timer ended: fired or canceled (or unspecified while it runs). */
  private static EventType timerEnding(List<HistoryEvent> events, String timerId) {
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED
          && e.getTimerFiredEventAttributes().getTimerId().equals(timerId)) {
        return e.getEventType();
      }
      if (e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED
          && e.getTimerCanceledEventAttributes().getTimerId().equals(timerId)) {
        return e.getEventType();
      }
    }
    return EventType.EVENT_TYPE_UNSPECIFIED;
  }

  private static String summary(HistoryEvent event) {
    if (!event.hasUserMetadata() || !event.getUserMetadata().hasSummary()) {
      return "";
    }
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
        event.getUserMetadata().getSummary(), String.class, String.class);
  }
}
