package io.waveguard.workflows.release;

import static io.waveguard.policy.model.NotificationEvent.APPROVAL_NEEDED;
import static io.waveguard.policy.model.NotificationEvent.FINISHED;
import static io.waveguard.policy.model.NotificationEvent.PAUSED;
import static io.waveguard.policy.model.NotificationEvent.RELEASE_STARTED;
import static io.waveguard.policy.model.NotificationEvent.ROLLBACK_STARTED;
import static io.waveguard.policy.model.NotificationEvent.WAVE_PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.worker.WorkerOptions;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.workflows.activities.NotificationDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every notification event, on the time-skipping test server, and webhooks that fail. */
class NotificationWorkflowTest {

  private static final List<NotificationEvent> ALL = List.of(NotificationEvent.values());
  private static final ReleasePolicy POLICY = ReleaseHistoryRecorder.SEQUENTIAL;

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private final RecordingNotifications notifications = new RecordingNotifications();
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private ReleaseWorkflow start(
      String id, InMemoryReleaseActivities activities, ReleasePolicy policy) {
    temporal =
        new ReleaseTestEnvironment()
            .startAll(WorkerOptions.getDefaultInstance(), activities, notifications);
    return temporal.startRelease(ReleaseTestEnvironment.spec(id, Strategy.WAVES, policy));
  }

  private ReleaseState result(String id) {
    return temporal.client().newUntypedWorkflowStub("release-" + id).getResult(ReleaseState.class);
  }

  private static ReleasePolicy notifying(ReleasePolicy policy, NotificationWebhook... webhooks) {
    return policy.withNotifications(List.of(webhooks));
  }

  @Test
  void aReleaseThatPausesAndWaitsForApprovalTellsEveryStepInOrder() {
    ReleasePolicy policy =
        notifying(
            POLICY.withApprovalTiers(List.of(Tier.SAFETY_CRITICAL)),
            NotificationWebhook.configured("all", ALL),
            NotificationWebhook.configured("defaults", NotificationEvent.DEFAULTS));
    ReleaseWorkflow release =
        start(
            "told",
            new InMemoryReleaseActivities(fleet)
                .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
            policy);
    temporal.env.sleep(Duration.ofSeconds(30));
    release.pause(new OperatorCommand("alice", "checking a dashboard"));
    temporal.env.sleep(Duration.ofMinutes(30));
    release.resume(new OperatorCommand("alice", "dashboard was stale"));
    while (release.state().status() != ReleaseStatus.AWAITING_APPROVAL) {
      temporal.env.sleep(Duration.ofMinutes(1));
    }
    release.approve(new OperatorCommand("carol", "safety review done"));

    ReleaseState done = result("told");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    List<NotificationEvent> expected = new ArrayList<>();
    expected.add(RELEASE_STARTED);
    expected.add(PAUSED);
    int gated = 0;
    for (WaveView wave : done.waves()) {
      if (wave.highestTier() == Tier.SAFETY_CRITICAL && gated == 0) {
        gated = wave.index();
        expected.add(APPROVAL_NEEDED);
      }
      expected.add(WAVE_PASSED);
    }
    expected.add(FINISHED);
    assertThat(notifications.eventsOf("all")).containsExactlyElementsOf(expected);
    assertThat(notifications.eventsOf("defaults"))
        .containsExactly(RELEASE_STARTED, PAUSED, APPROVAL_NEEDED, FINISHED);
    List<NotificationDelivery> toDefaults =
        notifications.delivered.stream()
            .filter(d -> d.webhook().describe().equals("defaults"))
            .toList();
    assertThat(toDefaults.get(1).notification().reason()).contains("checking a dashboard");
    assertThat(toDefaults.get(2).notification().tier()).isEqualTo(Tier.SAFETY_CRITICAL);
    assertThat(toDefaults.get(2).notification().wave()).isEqualTo(gated);
    assertThat(toDefaults.get(3).notification().status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(toDefaults.get(3).notification().eventId())
        .isEqualTo(
            "told:finished:wave-%d:r%d"
                .formatted(
                    done.waveCount(), revisionOf(toDefaults.get(3).notification().eventId())));
    assertThat(notifications.delivered.stream().map(d -> d.notification().eventId()).distinct())
        .hasSize(expected.size());
    assertThat(notifications.failures).isEmpty();
  }

  private static int revisionOf(String eventId) {
    return Integer.parseInt(eventId.substring(eventId.lastIndexOf(":r") + 2));
  }

  @Test
  void aFailedGateTellsOfTheRollbackAndHowTheReleaseEnded() {
    ReleaseWorkflow release =
        start(
            "rolled",
            new InMemoryReleaseActivities(fleet)
                .sequentialVerdicts(
                    (wave, period, tier) -> wave == 2 ? GateVerdict.FAIL : GateVerdict.PASS),
            notifying(POLICY, NotificationWebhook.configured("ops", NotificationEvent.DEFAULTS)));

    ReleaseState done = result("rolled");

    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(notifications.eventsOf("ops"))
        .containsExactly(RELEASE_STARTED, ROLLBACK_STARTED, FINISHED);
    assertThat(notifications.delivered.get(1).notification().reason()).contains("wave 2");
    assertThat(notifications.delivered.get(2).notification().status())
        .isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(release.state().waves().get(0).status()).isEqualTo(WaveStatus.ROLLED_BACK);
  }

  @Test
  void anAbortedReleaseEndsAbortedAndSaysWhoAborted() {
    ReleaseWorkflow release =
        start(
            "aborted",
            new InMemoryReleaseActivities(fleet)
                .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
            notifying(POLICY, NotificationWebhook.configured("ops", NotificationEvent.DEFAULTS)));
    temporal.env.sleep(Duration.ofMinutes(5));
    release.abort(new OperatorCommand("bob", "wrong build"));

    ReleaseState done = result("aborted");

    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(notifications.eventsOf("ops"))
        .containsExactly(RELEASE_STARTED, ROLLBACK_STARTED, FINISHED);
    assertThat(notifications.delivered.get(2).notification().reason()).contains("wrong build");
  }

  @Test
  void deadAndRejectingWebhooksNeverHoldTheReleaseAndAreAudited() {
    notifications.down.add("dead");
    notifications.rejecting.add("rejecting");
    start(
        "unheard",
        new InMemoryReleaseActivities(fleet)
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
        notifying(
            POLICY,
            NotificationWebhook.configured("dead", NotificationEvent.DEFAULTS),
            NotificationWebhook.configured("rejecting", NotificationEvent.DEFAULTS),
            NotificationWebhook.configured("good", ALL)));

    ReleaseState done = result("unheard");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(notifications.eventsOf("good")).startsWith(RELEASE_STARTED).endsWith(FINISHED);
    assertThat(notifications.eventsOf("good")).hasSize(done.waveCount() + 2);
    assertThat(notifications.failures)
        .extracting(f -> f.webhook() + " " + f.eventId().split(":")[1])
        .containsExactlyInAnyOrder(
            "dead release-started",
            "dead finished",
            "rejecting release-started",
            "rejecting finished");
    assertThat(notifications.failures)
        .filteredOn(f -> f.webhook().equals("dead"))
        .allSatisfy(f -> assertThat(f.error()).contains("timeout").contains("connection refused"));
    assertThat(notifications.failures)
        .filteredOn(f -> f.webhook().equals("rejecting"))
        .allSatisfy(f -> assertThat(f.error()).contains("HTTP 404"));
  }

  @Test
  void aReleaseWithoutWebhooksLeavesNoNotificationMarkerInItsHistory() {
    start(
        "quiet",
        new InMemoryReleaseActivities(fleet)
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
        POLICY);

    assertThat(result("quiet").status()).isEqualTo(ReleaseStatus.COMPLETED);
    List<HistoryEvent> events = temporal.client().fetchHistory("release-quiet").getEvents();
    assertThat(events)
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .noneMatch(e -> e.toString().contains(ReleaseWorkflowImpl.NOTIFICATIONS_CHANGE));
    assertThat(notifications.delivered).isEmpty();
  }
}
