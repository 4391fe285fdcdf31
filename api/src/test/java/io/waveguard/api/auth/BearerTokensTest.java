package io.waveguard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.simulatedfleet.FleetTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API tokens: which ones are refused (401, nothing done), service scopes (403, nothing done), and
 * the identity a command is recorded under.
 */
class BearerTokensTest {

  private static final String PAYMENTS = "tok-payments";
  private static final String CHECKOUT = "tok-checkout";

  private static Api admin;

  @BeforeAll
  static void fleets() {
    TestApp app = TestApp.get();
    admin = app.api();
    app.jdbi()
        .useExtension(
            TargetDao.class,
            dao -> {
              FleetTargets.generate(PAYMENTS, 4, 5).forEach(dao::upsert);
              FleetTargets.generate(CHECKOUT, 4, 6).forEach(dao::upsert);
            });
  }

  private static String release(String id, String service) {
    return """
        {"releaseId": "%s", "service": "%s", "version": "1.0.0", "strategy": "waves",
         "policy": {"bakeSeconds": 3600}}"""
        .formatted(id, service);
  }

  private static void assertUnauthorized(Answer answer, String challengeError) {
    assertThat(answer.status()).as(answer.raw()).isEqualTo(401);
    assertThat(answer.text("error")).isEqualTo("unauthorized");
    assertThat(answer.text("message")).isNotBlank();
    String challenge = answer.header("WWW-Authenticate");
    assertThat(challenge).startsWith("Bearer realm=\"waveguard\"");
    if (challengeError != null) {
      assertThat(challenge).contains("error=\"" + challengeError + "\"");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic YWxpY2U6c2VjcmV0",
        "Bearer",
        "Bearer ",
        "Bearer two tokens",
        "Bearer wg_abc\u00e9",
        "wg_nobearerscheme"
      })
  void aMalformedAuthorizationHeaderIs401(String header) {
    assertUnauthorized(admin.withAuthorization(header).get("/api/v1/releases"), "invalid_request");
  }

  @Test
  void noTokenIs401WithABareChallenge() {
    Answer answer = admin.anonymous().get("/api/v1/releases");

    assertUnauthorized(answer, null);
    assertThat(answer.header("WWW-Authenticate")).doesNotContain("error=");
  }

  @Test
  void anUnknownTokenIs401() {
    assertUnauthorized(
        admin.withToken("wg_" + "A".repeat(43)).get("/api/v1/releases"), "invalid_token");
    assertUnauthorized(
        admin.withToken("not-a-waveguard-token").get("/api/v1/releases"), "invalid_token");
  }

  @Test
  void anExpiredTokenIs401() {
    String expired =
        TestTokens.create("expired", Role.ADMIN, null, Instant.now().minusSeconds(60)).token();

    assertUnauthorized(admin.withToken(expired).get("/api/v1/releases"), "invalid_token");
  }

  @Test
  void aTokenThatExpiresWhileRememberedIsRefusedOnTime() throws InterruptedException {
    String shortLived =
        TestTokens.create("short", Role.VIEWER, null, Instant.now().plusMillis(1500)).token();
    Api api = admin.withToken(shortLived);

    assertThat(api.get("/api/v1/releases").status()).isEqualTo(200);
    Thread.sleep(1600);
    assertUnauthorized(api.get("/api/v1/releases"), "invalid_token");
  }

  @Test
  void aRevokedTokenIsRefusedWithinTheCacheTtl() {
    var token = TestTokens.create("revoked", Role.VIEWER, null, null);
    Api api = admin.withToken(token.token());
    assertThat(api.get("/api/v1/releases").status()).isEqualTo(200);

    assertThat(TestTokens.tokens().revoke(String.valueOf(token.id()))).isTrue();

    // TestApp's auth.cacheTtl is 1 s: the revocation holds everywhere within it.
    Eventually.await(
        Duration.ofSeconds(3), () -> api.get("/api/v1/releases").status(), s -> s == 401);
    assertUnauthorized(api.get("/api/v1/releases"), "invalid_token");
  }

  @Test
  void aRefusedStartStartsNothing() {
    String body = release("tok-anon-1", PAYMENTS);

    Answer anonymous = admin.anonymous().post("/api/v1/releases", body);
    Answer viewer =
        admin
            .withToken(TestTokens.create("viewer", Role.VIEWER, null, null).token())
            .post("/api/v1/releases", body);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/releases/tok-anon-1").status()).isEqualTo(404);
  }

  @Test
  void aReleaserScopedToAServiceStartsItsReleasesAndNoOthers() {
    var issued = TestTokens.create("rel-pay", Role.RELEASER, Set.of(PAYMENTS), null);
    Api payments = admin.withToken(issued.token());

    Answer own = payments.post("/api/v1/releases", release("tok-scope-own", PAYMENTS));
    Answer other = payments.post("/api/v1/releases", release("tok-scope-other", CHECKOUT));
    Answer otherPlan =
        payments.post(
            "/api/v1/plans",
            """
            {"service": "%s", "version": "2.0.0", "strategy": "canary"}"""
                .formatted(CHECKOUT));
    Answer ownPlan =
        payments.post(
            "/api/v1/plans",
            """
            {"service": "%s", "version": "2.0.0", "strategy": "canary"}"""
                .formatted(PAYMENTS));

    assertThat(own.status()).as(own.raw()).isEqualTo(202);
    // Who started it is in the workflow's input, from the token.
    assertThat(startInput("tok-scope-own")).contains("\"requestedBy\":\"" + issued.name() + "\"");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.text("error")).isEqualTo("forbidden");
    assertThat(other.text("field")).isEqualTo("service");
    assertThat(other.text("message")).contains(CHECKOUT);
    assertThat(admin.get("/api/v1/releases/tok-scope-other").status()).isEqualTo(404);
    assertThat(otherPlan.status()).isEqualTo(403);
    assertThat(ownPlan.status()).as(ownPlan.raw()).isEqualTo(200);
  }

  @Test
  void anOperatorScopedToAServiceCommandsOnlyItsReleasesAndIsRecordedByName() {
    assertThat(admin.post("/api/v1/releases", release("tok-cmd-pay", PAYMENTS)).status())
        .isEqualTo(202);
    assertThat(admin.post("/api/v1/releases", release("tok-cmd-chk", CHECKOUT)).status())
        .isEqualTo(202);
    var issued = TestTokens.create("ops-pay", Role.OPERATOR, Set.of(PAYMENTS), null);
    Api operator = admin.withToken(issued.token());
    String abort = "{\"operator\": \"someone-else\", \"reason\": \"scope test\"}";

    Answer refused = operator.post("/api/v1/releases/tok-cmd-chk/abort", abort);
    Answer unknown = operator.post("/api/v1/releases/tok-cmd-none/abort", abort);
    Answer accepted = operator.post("/api/v1/releases/tok-cmd-pay/abort", abort);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(accepted.status()).as(accepted.raw()).isIn(200, 202);
    assertThat(commands("tok-cmd-chk")).isEmpty();
    JsonNode entries = commands("tok-cmd-pay");
    assertThat(entries).hasSize(1);
    // The token's name, not the body's "someone-else".
    assertThat(entries.get(0).get("operator").asText()).isEqualTo(issued.name());
  }

  private static String startInput(String releaseId) {
    return TestApp.get()
        .temporal()
        .fetchHistory("release-" + releaseId)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getInput()
        .getPayloads(0)
        .getData()
        .toStringUtf8();
  }

  /** The audit log's operator commands (what Waveguard records itself is left out). */
  private static JsonNode commands(String releaseId) {
    JsonNode entries = admin.get("/api/v1/releases/" + releaseId + "/audit").body().get("entries");
    var commands = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    entries.forEach(
        e -> {
          if (!e.get("operator").asText().equals("waveguard")) {
            commands.add(e);
          }
        });
    return commands;
  }
}
