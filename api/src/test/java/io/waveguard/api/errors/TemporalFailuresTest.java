package io.waveguard.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.RefusingTemporal;
import io.waveguard.api.support.TestApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Temporal failing for real under the API: nothing listening on its port, and a gRPC server that
 * refuses every call with a chosen status. Every answer is the JSON error body, never a 500.
 */
class TemporalFailuresTest {

  private static RefusingTemporal refusing;
  private static WaveguardServer onRefusing;
  private static WaveguardServer onNothing;

  @BeforeAll
  static void start() throws Exception {
    refusing = new RefusingTemporal();
    onRefusing = WaveguardServer.start(apiOnly(refusing.target()));
    onNothing = WaveguardServer.start(apiOnly("127.0.0.1:" + closedPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    onNothing.close();
    onRefusing.close();
    refusing.close();
  }

  /** No worker and no search attributes to register: nothing touches Temporal before a request. */
  private static WaveguardConfiguration apiOnly(String temporalTarget) {
    WaveguardConfiguration config = TestApp.configuration("temporal-failures", false);
    config.getTemporal().setTarget(temporalTarget);
    config.getTemporal().setRegisterSearchAttributes(false);
    return config;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Answer readRelease(WaveguardServer server) {
    return new Api(server.baseUri()).get("/api/v1/releases/never-started");
  }

  private static Answer whenTemporalAnswers(Status status) {
    refusing.answer(status);
    return readRelease(onRefusing);
  }

  private static void assertRetryLater(Answer answer, String error) {
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.text("error")).isEqualTo(error);
    assertThat(answer.header("Retry-After")).isEqualTo("5");
    assertThat(answer.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void nothingListeningIsA503ToRetryLater() {
    assertRetryLater(readRelease(onNothing), "temporal_unavailable");
  }

  @Test
  void anUnavailableTemporalIsA503ToRetryLater() {
    assertRetryLater(whenTemporalAnswers(Status.UNAVAILABLE), "temporal_unavailable");
  }

  @Test
  void anOverloadedTemporalIsA503ToRetryLater() {
    assertRetryLater(whenTemporalAnswers(Status.RESOURCE_EXHAUSTED), "temporal_overloaded");
  }

  @Test
  void aTemporalDeadlineIsA503ToRetryLater() {
    assertRetryLater(whenTemporalAnswers(Status.DEADLINE_EXCEEDED), "temporal_unavailable");
  }

  @Test
  void refusedCredentialsAreA403() {
    for (Status status : new Status[] {Status.PERMISSION_DENIED, Status.UNAUTHENTICATED}) {
      Answer answer = whenTemporalAnswers(status);

      assertThat(answer.status()).as("%s", status.getCode()).isEqualTo(403);
      assertThat(answer.text("error")).isEqualTo("temporal_access_denied");
      assertThat(answer.text("message")).contains(status.getCode().name());
    }
  }

  @Test
  void aStartWhoseCredentialsAreRefusedIsA403AndStartsNothing() {
    refusing.answer(Status.PERMISSION_DENIED);

    Answer answer =
        new Api(onRefusing.baseUri())
            .post(
                "/api/v1/releases",
                """
                {"releaseId": "refused-start", "service": "payments", "version": "1",
                 "strategy": "canary"}""");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.text("error")).isEqualTo("temporal_access_denied");
  }

  @Test
  void anyOtherTemporalFailureIsA503NotA500() {
    Answer answer = whenTemporalAnswers(Status.INTERNAL);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.text("error")).isEqualTo("temporal_error");
    assertThat(answer.text("message")).contains("INTERNAL").doesNotContain("refused by the test");
  }
}
