package io.waveguard.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.waveguard.api.dto.NotificationRequest;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.WebhookFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseNotificationsTest {

  private static final NotificationWebhook OPS =
      NotificationWebhook.configured("ops-slack", NotificationEvent.DEFAULTS);
  private static final NotificationWebhook EVENTS =
      NotificationWebhook.configured("events", List.of(NotificationEvent.values()));

  private final ReleaseNotifications server =
      new ReleaseNotifications(List.of(OPS, EVENTS), Set.of("team"), true, 30);

  private static NotificationRequest named(String name, List<String> events) {
    return new NotificationRequest(name, null, null, events, null);
  }

  private ApiException refused(ReleaseNotifications notifications, NotificationRequest... r) {
    return catchThrowableOfType(ApiException.class, () -> notifications.resolve(List.of(r)));
  }

  @Test
  void withoutOverridesEveryReleaseNotifiesTheServersWebhooks() {
    assertThat(server.resolve(null)).containsExactly(OPS, EVENTS);
    assertThat(ReleaseNotifications.none().resolve(null)).isEmpty();
  }

  @Test
  void aServerWebhookByNameTakesTheRequestsEventsAndAnEmptyChoiceSilencesIt() {
    List<NotificationWebhook> resolved =
        server.resolve(
            List.of(
                named("ops-slack", List.of("wave-passed", "finished")),
                named("events", List.of())));

    assertThat(resolved)
        .containsExactly(
            OPS.withEvents(List.of(NotificationEvent.WAVE_PASSED, NotificationEvent.FINISHED)));
  }

  @Test
  void aWebhookOfTheReleasesOwnIsAddedWithItsFormatSecretNameAndTheServersTimeLimit() {
    List<NotificationWebhook> resolved =
        server.resolve(
            List.of(
                new NotificationRequest(
                    null, "https://hooks.example.com/t", "slack", null, "team")));

    assertThat(resolved).hasSize(3);
    assertThat(resolved.get(2))
        .isEqualTo(
            new NotificationWebhook(
                null,
                "https://hooks.example.com/t",
                WebhookFormat.SLACK,
                NotificationEvent.DEFAULTS,
                "team",
                30));
  }

  @Test
  void eachRefusalNamesItsField() {
    ReleaseNotifications noUrls = new ReleaseNotifications(List.of(OPS), Set.of("team"), false, 0);

    assertThat(refused(server, named("pager", null)).body().field())
        .isEqualTo("policy.notifications[0].name");
    assertThat(refused(server, named("ops-slack", null), named("ops-slack", null)).body().field())
        .isEqualTo("policy.notifications[1].name");
    assertThat(
            refused(
                    server,
                    new NotificationRequest("ops-slack", "https://x.example", null, null, null))
                .body()
                .field())
        .isEqualTo("policy.notifications[0]");
    assertThat(refused(server, named("events", List.of("finished", "deployed"))).body().field())
        .isEqualTo("policy.notifications[0].events[1]");
    assertThat(
            refused(server, new NotificationRequest("ops-slack", null, "slack", null, null))
                .body()
                .field())
        .isEqualTo("policy.notifications[0].format");
    assertThat(
            refused(server, new NotificationRequest(null, "ftp://x.example/", null, null, null))
                .body()
                .field())
        .isEqualTo("policy.notifications[0].url");
    assertThat(
            refused(
                    server,
                    new NotificationRequest(null, "https://u:p@x.example/", null, null, null))
                .body()
                .field())
        .isEqualTo("policy.notifications[0].url");
    assertThat(
            refused(server, new NotificationRequest(null, "https://x.example/", "xml", null, null))
                .body()
                .field())
        .isEqualTo("policy.notifications[0].format");
    assertThat(
            refused(
                    server,
                    new NotificationRequest(null, "https://x.example/", null, null, "s3cr3t"))
                .body()
                .field())
        .isEqualTo("policy.notifications[0].secret");
    ApiException disallowed =
        refused(noUrls, new NotificationRequest(null, "https://x.example/", null, null, null));
    assertThat(disallowed.body().field()).isEqualTo("policy.notifications[0].url");
    assertThat(disallowed.body().message()).contains("notifications.allowReleaseWebhookUrls");
  }
}
