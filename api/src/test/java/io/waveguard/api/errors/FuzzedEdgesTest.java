package io.waveguard.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.RawHttp;
import io.waveguard.api.support.TestApp;
import org.junit.jupiter.api.Test;

/**
 * Requests a contract fuzzer sent that the API once answered with a 500, a number that is not one,
 * a 201 for a target no URL can reach, or a 405 without Allow: each is now a 4xx that names what is
 * wrong.
 */
class FuzzedEdgesTest {

  private static final Api api = TestApp.get().api();

  private static void assertInvalid(Answer answer, String field) {
    assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
    assertThat(answer.text("error")).isEqualTo("invalid_field");
    assertThat(answer.text("field")).isEqualTo(field);
  }

  private static String target(String service, String labels, String size) {
    return """
        {"service": "%s", "segment": "eu", "tier": "standard", "size": %s, "labels": %s}"""
        .formatted(service, size, labels);
  }

  @Test
  void aNulCharacterInAQueryParameterIsA400NamingIt() {
    assertInvalid(api.get("/api/v1/targets?service=pay%00ments"), "service");
  }

  @Test
  void aNulCharacterInABodyStringIsA400NamingTheField() {
    assertInvalid(api.put("/api/v1/targets/nul-1", target("pay\\u0000", "{}", "1")), "service");
  }

  @Test
  void aNulCharacterInAMapKeyIsA400NamingTheMap() {
    Answer answer =
        api.put("/api/v1/targets/nul-2", target("pay", "{\"re\\u0000gion\": \"eu\"}", "1"));

    assertInvalid(answer, "labels");
  }

  @Test
  void aQueryParameterGivenTwiceIsA400NamingIt() {
    assertInvalid(api.get("/api/v1/targets?limit=1&limit=2"), "limit");
  }

  @Test
  void anIdOfOnlyDotsIsRefused() {
    // "." and ".." are resolved away in a URL, so such a target or release could never be read.
    assertInvalid(api.put("/api/v1/targets/...", target("pay", "{}", "1")), "id");
    assertInvalid(
        api.post(
            "/api/v1/plans",
            """
            {"releaseId": "..", "service": "pay", "version": "1", "strategy": "canary"}"""),
        "releaseId");
  }

  @Test
  void sizesAndLatenciesAreBoundedSoImpactAndRiskStayNumbers() {
    assertInvalid(api.put("/api/v1/targets/huge-1", target("pay", "{}", "1e300")), "size");
    assertInvalid(
        api.post(
            "/api/v1/telemetry",
            """
            {"samples": [{"targetId": "huge-1", "windowStart": "2026-01-01T00:00:00Z",
              "windowEnd": "2026-01-01T00:01:00Z", "requests": 1, "errors": 0,
              "latencyP99Ms": 1e300}]}"""),
        "samples[0].latencyP99Ms");
  }

  @Test
  void traceAndQueryAre405WithAllow() {
    for (String method : new String[] {"TRACE", "QUERY"}) {
      String answer =
          rawHead(
              method
                  + " /api/v1/releases HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

      assertThat(answer).as(method).startsWith("HTTP/1.1 405").containsIgnoringCase("\r\nAllow: ");
    }
  }

  /** The status line and headers of the answer, as sent. */
  private static String rawHead(String request) {
    return RawHttp.head(TestApp.get().port(), request);
  }
}
