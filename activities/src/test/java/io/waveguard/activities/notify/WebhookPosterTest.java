package io.waveguard.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.WebhookFormat;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.ReleaseNotification;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting to real receivers on loopback: signed, refused, failing, down, slow. */
class WebhookPosterTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final ReleaseNotification STARTED =
      new ReleaseNotification(
          "rel-1:release-started:wave-0:r0",
          NotificationEvent.RELEASE_STARTED,
          "rel-1",
          "payments",
          "2.4.0",
          ReleaseStatus.PLANNING,
          0,
          0,
          null,
          null,
          NOW);

  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookPoster poster(URI url, String secret, Duration timeout) {
    return new WebhookPoster(
        new NotificationSettings(
            Map.of("ops", new WebhookEndpoint(url, WebhookFormat.JSON, secret)),
            Map.of("team", "team-secret"),
            timeout,
            Optional.of(URI.create("http://waveguard:8080/")),
            Optional.of(URI.create("http://temporal:8233"))),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static final NotificationWebhook OPS =
      NotificationWebhook.configured("ops", NotificationEvent.DEFAULTS);

  @Test
  void aConfiguredWebhookGetsTheSignedEventWithItsIdAndLinks() {
    poster(receiver.url(), "s3cret", Duration.ofSeconds(5))
        .post(STARTED, OPS, "default", "release-rel-1");

    Receiver.Request request = receiver.requests.get(0);
    long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
    assertThat(timestamp).isEqualTo(NOW.getEpochSecond());
    assertThat(
            WebhookSignature.verify(
                "s3cret", timestamp, request.body(), request.header("X-Waveguard-Signature")))
        .isTrue();
    assertThat(request.header("X-Waveguard-Event-Id")).isEqualTo(STARTED.eventId());
    assertThat(request.header("Idempotency-Key")).isEqualTo(STARTED.eventId());
    assertThat(request.header("X-Waveguard-Event")).isEqualTo("release-started");
    assertThat(new String(request.body()))
        .contains("\"releaseId\":\"rel-1\"")
        .contains("\"release\":\"http://waveguard:8080/api/v1/releases/rel-1\"")
        .contains(
            "\"workflow\":\"http://temporal:8233/namespaces/default/workflows/release-rel-1\"");
  }

  @Test
  void aReleasesOwnWebhookIsSignedWithTheServerSecretItNames() {
    NotificationWebhook own =
        new NotificationWebhook(
            null, receiver.url().toString(), WebhookFormat.SLACK, List.of(), "team");

    poster(receiver.url(), null, Duration.ofSeconds(5)).post(STARTED, own, "default", "w");

    Receiver.Request request = receiver.requests.get(0);
    assertThat(new String(request.body())).contains("\"blocks\"");
    assertThat(
            WebhookSignature.verify(
                "team-secret",
                Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER)),
                request.body(),
                request.header(WebhookSignature.SIGNATURE_HEADER)))
        .isTrue();
  }

  @Test
  void withoutASecretTheBodyIsUnsigned() {
    poster(receiver.url(), null, Duration.ofSeconds(5)).post(STARTED, OPS, "default", "w");

    assertThat(receiver.requests.get(0).header(WebhookSignature.SIGNATURE_HEADER)).isNull();
  }

  @Test
  void aServerErrorIsRetryableAndAClientErrorIsNot() {
    WebhookPoster poster = poster(receiver.url(), null, Duration.ofSeconds(5));
    receiver.status = 500;
    assertThatThrownBy(() -> poster.post(STARTED, OPS, "default", "w"))
        .isInstanceOf(WebhookUnavailableException.class)
        .hasMessageContaining("HTTP 500");

    receiver.status = 429;
    assertThatThrownBy(() -> poster.post(STARTED, OPS, "default", "w"))
        .isInstanceOf(WebhookUnavailableException.class);

    receiver.status = 404;
    ApplicationFailure rejected =
        catchThrowableOfType(
            ApplicationFailure.class, () -> poster.post(STARTED, OPS, "default", "w"));
    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(rejected.getType()).isEqualTo(ActivityErrors.WEBHOOK_REJECTED);
    assertThat(rejected.getOriginalMessage()).contains("HTTP 404");
  }

  @Test
  void aReceiverThatIsDownIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                poster(
                        URI.create("http://127.0.0.1:" + closedPort + "/"),
                        null,
                        Duration.ofSeconds(2))
                    .post(STARTED, OPS, "default", "w"))
        .isInstanceOf(WebhookUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void aSlowReceiverTimesOutWithinTheConfiguredTime() {
    receiver.delay = Duration.ofSeconds(3);
    long began = System.nanoTime();

    assertThatThrownBy(
            () ->
                poster(receiver.url(), null, Duration.ofMillis(300))
                    .post(STARTED, OPS, "default", "w"))
        .isInstanceOf(WebhookUnavailableException.class)
        .hasMessageContaining("did not answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anUnknownWebhookOrSecretNameIsRejectedForGood() {
    WebhookPoster poster = poster(receiver.url(), null, Duration.ofSeconds(5));

    ApplicationFailure unknownHook =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                poster.post(
                    STARTED,
                    NotificationWebhook.configured("gone", NotificationEvent.DEFAULTS),
                    "default",
                    "w"));
    ApplicationFailure unknownSecret =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                poster.post(
                    STARTED,
                    new NotificationWebhook(
                        null, receiver.url().toString(), WebhookFormat.JSON, List.of(), "nope"),
                    "default",
                    "w"));

    assertThat(unknownHook.getOriginalMessage()).contains("no webhook named 'gone'");
    assertThat(unknownSecret.getOriginalMessage()).contains("no secret named 'nope'");
    assertThat(receiver.requests).isEmpty();
  }
}
