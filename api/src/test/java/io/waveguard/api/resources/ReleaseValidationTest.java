package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowNotFoundException;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import io.waveguard.policy.model.ReleaseSpec;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed start is answered 4xx with {error, field, message} naming what is wrong, and
 * leaves no trace: no workflow, no read-model row.
 */
class ReleaseValidationTest {

  private static final String ID = "rejected-release";

  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void startApp() {
    app = TestApp.get();
    api = app.api();
  }

  static Stream<Arguments> invalidStarts() {
    return Stream.of(
        bad(
            "missing service",
            """
            {"releaseId": "%s", "version": "1.0", "strategy": "canary"}""",
            "invalid_field",
            "service"),
        bad(
            "empty version",
            """
            {"releaseId": "%s", "service": "s", "version": "", "strategy": "canary"}""",
            "invalid_field",
            "version"),
        bad(
            "unknown strategy",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "blue-green"}""",
            "invalid_field",
            "strategy"),
        bad(
            "missing strategy",
            """
            {"releaseId": "%s", "service": "s", "version": "1"}""",
            "invalid_field",
            "strategy"),
        bad(
            "notification webhook by url on a server that takes none",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"notifications": [{"url": "http://169.254.169.254/latest"}]}}""",
            "invalid_field",
            "policy.notifications[0].url"),
        bad(
            "notification webhook the server does not have",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"notifications": [{"name": "pager", "events": ["finished"]}]}}""",
            "invalid_field",
            "policy.notifications[0].name"),
        bad(
            "notification webhook with neither name nor url",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"notifications": [{"events": ["finished"]}]}}""",
            "invalid_field",
            "policy.notifications[0]"),
        bad(
            "negative bake",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"bakeSeconds": -5}}""",
            "invalid_field",
            "policy.bakeSeconds"),
        bad(
            "bake as a string",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"bakeSeconds": "10"}}""",
            "invalid_field",
            "policy.bakeSeconds"),
        bad(
            "fractional bake",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"bakeSeconds": 1.5}}""",
            "invalid_field",
            "policy.bakeSeconds"),
        bad(
            "first wave of zero percent",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"firstWavePercent": 0}}""",
            "invalid_field",
            "policy.firstWavePercent"),
        policy(
            "removed error-rate ratio",
            "\"maxErrorRateRatio\": 2",
            "removed_field",
            "policy.maxErrorRateRatio"),
        policy(
            "removed error-rate ratio, even null",
            "\"maxErrorRateRatio\": null",
            "removed_field",
            "policy.maxErrorRateRatio"),
        policy("unknown gate mode", "\"gateMode\": \"fast\"", "invalid_field", "policy.gateMode"),
        policy("alpha of zero", "\"alpha\": 0", "invalid_field", "policy.alpha"),
        policy("alpha of one half", "\"alpha\": 0.5", "invalid_field", "policy.alpha"),
        policy("alpha as a string", "\"alpha\": \"0.01\"", "invalid_field", "policy.alpha"),
        policy(
            "gate period of zero",
            "\"gatePeriodSeconds\": 0",
            "invalid_field",
            "policy.gatePeriodSeconds"),
        policy(
            "gate period above the default minimum bake",
            "\"gatePeriodSeconds\": 600",
            "invalid_field",
            "policy.gatePeriodSeconds"),
        policy(
            "minimum bake below the gate period",
            "\"gatePeriodSeconds\": 60, \"minBakeSeconds\": 30",
            "invalid_field",
            "policy.minBakeSeconds"),
        policy(
            "minimum bake of zero",
            "\"minBakeSeconds\": 0",
            "invalid_field",
            "policy.minBakeSeconds"),
        policy(
            "minimum bake above the default maximum",
            "\"minBakeSeconds\": 3600",
            "invalid_field",
            "policy.minBakeSeconds"),
        policy(
            "maximum bake below the minimum",
            "\"minBakeSeconds\": 300, \"maxBakeSeconds\": 200",
            "invalid_field",
            "policy.maxBakeSeconds"),
        policy(
            "maximum bake of a month",
            "\"maxBakeSeconds\": 2592000",
            "invalid_field",
            "policy.maxBakeSeconds"),
        policy(
            "unknown tier tolerance",
            "\"tierTolerances\": {\"gold\": 1.5}",
            "unknown_field",
            "policy.tierTolerances.gold"),
        policy(
            "tier tolerance of one",
            "\"tierTolerances\": {\"standard\": 1}",
            "invalid_field",
            "policy.tierTolerances.standard"),
        policy(
            "tier tolerance below one",
            "\"tierTolerances\": {\"low\": 2, \"finance-critical\": 0.9}",
            "invalid_field",
            "policy.tierTolerances.finance-critical"),
        policy(
            "safety-critical tolerating more than the tiers below",
            "\"tierTolerances\": {\"safety-critical\": 3}",
            "invalid_field",
            "policy.tierTolerances"),
        policy(
            "tier tolerance as a string",
            "\"tierTolerances\": {\"low\": \"2\"}",
            "invalid_field",
            "policy.tierTolerances.low"),
        policy(
            "tier tolerances as a list",
            "\"tierTolerances\": [1.5]",
            "invalid_field",
            "policy.tierTolerances"),
        policy(
            "alpha under the per-wave gate",
            "\"gateMode\": \"per-wave\", \"alpha\": 0.02",
            "invalid_field",
            "policy.alpha"),
        policy(
            "minimum bake under the per-wave gate",
            "\"gateMode\": \"per-wave\", \"minBakeSeconds\": 60",
            "invalid_field",
            "policy.minBakeSeconds"),
        bad(
            "unknown tier in selector",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "selector": {"tiers": ["gold"]}}""",
            "invalid_field",
            "selector.tiers[0]"),
        bad(
            "unknown approval tier",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"approvalTiers": ["low", "platinum"]}}""",
            "invalid_field",
            "policy.approvalTiers[1]"),
        bad(
            "null approval tier",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"approvalTiers": [null]}}""",
            "invalid_field",
            "policy.approvalTiers[0]"),
        bad(
            "blank segment",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "selector": {"segments": ["eu", " "]}}""",
            "invalid_field",
            "selector.segments[1]"),
        bad(
            "unknown field",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "colour": "blue"}""",
            "unknown_field",
            "colour"),
        bad(
            "unknown nested field",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"bake": 5}}""",
            "unknown_field",
            "policy.bake"),
        bad(
            "service as a number",
            """
            {"releaseId": "%s", "service": 42, "version": "1", "strategy": "waves"}""",
            "invalid_field",
            "service"),
        bad(
            "malformed JSON",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves\"""",
            "malformed_json",
            null),
        bad(
            "trailing garbage",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves"} x""",
            "malformed_json",
            null),
        bad("array body", "[\"%s\"]", "invalid_field", null));
  }

  /** A start whose only fault is in its policy, given as the members of the policy object. */
  private static Arguments policy(String name, String members, String error, String field) {
    return bad(
        name,
        """
        {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
         "policy": {"""
            + members.replace("%", "%%")
            + "}}",
        error,
        field);
  }

  private static Arguments bad(String name, String body, String error, String field) {
    return Arguments.of(name, body.formatted(ID), error, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStarts")
  void invalidStartIs400NamingTheFieldAndStartsNothing(
      String name, String body, String error, String field) {
    int rowsBefore = releaseRows();

    Answer answer = api.post("/api/v1/releases", body);

    assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
    assertThat(answer.text("error")).as(answer.raw()).isEqualTo(error);
    assertThat(answer.text("field")).as(answer.raw()).isEqualTo(field);
    assertThat(answer.body().has("field")).isTrue();
    assertThat(answer.text("message")).isNotBlank();
    assertNothingStarted(rowsBefore);
  }

  @Test
  void maxErrorRateRatioIs400SayingWhatReplacedIt() {
    int rowsBefore = releaseRows();

    Answer answer =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves",
             "policy": {"maxErrorRateRatio": 2}}"""
                .formatted(ID));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text("error")).isEqualTo("removed_field");
    assertThat(answer.text("field")).isEqualTo("policy.maxErrorRateRatio");
    assertThat(answer.text("message"))
        .contains("removed")
        .contains("tier tolerances")
        .contains("policy.tierTolerances");
    assertNothingStarted(rowsBefore);
  }

  @Test
  void invalidReleaseIdIs400() {
    Answer answer =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "has spaces!", "service": "s", "version": "1", "strategy": "waves"}""");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text("field")).isEqualTo("releaseId");
  }

  @Test
  void emptyBodyIs400() {
    int rowsBefore = releaseRows();

    Answer answer = api.post("/api/v1/releases", "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text("error")).isEqualTo("invalid_field");
    assertThat(answer.body().get("field").isNull()).isTrue();
    assertNothingStarted(rowsBefore);
  }

  @Test
  void twoMegabyteBodyIs413() {
    int rowsBefore = releaseRows();

    Answer answer = api.post("/api/v1/releases", hugeRelease());

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.text("error")).isEqualTo("payload_too_large");
    assertNothingStarted(rowsBefore);
  }

  @Test
  void twoMegabyteStreamedBodyWithoutLengthIs413() {
    int rowsBefore = releaseRows();
    byte[] huge = hugeRelease().getBytes(StandardCharsets.UTF_8);

    Answer answer = api.postStreamed("/api/v1/releases", () -> new ByteArrayInputStream(huge));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.text("error")).isEqualTo("payload_too_large");
    assertNothingStarted(rowsBefore);
  }

  @Test
  void wrongContentTypeIs415() {
    int rowsBefore = releaseRows();

    Answer answer =
        api.send(
            "/api/v1/releases",
            "POST",
            "text/plain",
            HttpRequest.BodyPublishers.ofString(
                """
                {"releaseId": "%s", "service": "s", "version": "1", "strategy": "waves"}"""
                    .formatted(ID)));

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.text("error")).isEqualTo("unsupported_media_type");
    assertThat(answer.body().has("field")).isTrue();
    assertNothingStarted(rowsBefore);
  }

  @Test
  void unknownPathAndWrongMethodAnswerInTheSameShape() {
    Answer unknownPath = api.get("/api/v1/nothing-here");
    Answer wrongMethod =
        api.send("/api/v1/releases", "DELETE", null, HttpRequest.BodyPublishers.noBody());

    assertThat(unknownPath.status()).isEqualTo(404);
    assertThat(unknownPath.text("error")).isEqualTo("not_found");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.text("error")).isEqualTo("method_not_allowed");
  }

  private static String hugeRelease() {
    return """
        {"releaseId": "%s", "service": "s", "version": "%s", "strategy": "waves"}"""
        .formatted(ID, "x".repeat(2 * 1024 * 1024));
  }

  private static void assertNothingStarted(int rowsBefore) {
    assertThat(releaseRows()).isEqualTo(rowsBefore);
    assertThatThrownBy(
            () -> app.temporal().newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(ID)).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  private static int releaseRows() {
    return app.jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM releases").mapTo(Integer.class).one());
  }
}
