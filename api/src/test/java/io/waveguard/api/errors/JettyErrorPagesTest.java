package io.waveguard.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.api.support.RawHttp;
import io.waveguard.api.support.RawHttp.Answer;
import io.waveguard.api.support.TestApp;
import org.junit.jupiter.api.Test;

/**
 * Errors Jetty raises before Jersey sees the request are answered with the API's JSON error body
 * too, on the API's port and on the admin port.
 */
class JettyErrorPagesTest {

  private static final int API = TestApp.get().port();
  private static final int ADMIN = TestApp.get().adminPort();

  private static void assertJsonError(Answer answer, int status, String error) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().get("error").asText()).isEqualTo(error);
    assertThat(answer.json().has("field")).isTrue();
    assertThat(answer.json().get("message").asText()).isNotBlank();
  }

  @Test
  void anAmbiguousPathSeparatorIsAJson400() {
    Answer answer = RawHttp.get(API, "/api/v1/releases/..%2F..%2Fx");

    assertJsonError(answer, 400, "bad_request");
    assertThat(answer.json().get("message").asText()).contains("Ambiguous URI path separator");
  }

  @Test
  void aUriTooLongIsAJson414() {
    assertJsonError(
        RawHttp.get(API, "/api/v1/releases/" + "a".repeat(20_000)), 414, "request_uri_too_long");
  }

  @Test
  void headersTooLargeAreAJson431() {
    assertJsonError(
        RawHttp.get(API, "/api/v1/releases", "X-Padding: " + "a".repeat(20_000)),
        431,
        "request_header_fields_too_large");
  }

  @Test
  void aMalformedHeaderIsAJson400() {
    assertJsonError(RawHttp.get(API, "/api/v1/releases", "Not a header"), 400, "bad_request");
  }

  @Test
  void aMalformedRequestLineIsAJson400() {
    assertJsonError(RawHttp.send(API, "GARBAGE\r\n\r\n"), 400, "bad_request");
  }

  @Test
  void anUnknownHttpVersionIsAJson505() {
    assertJsonError(
        RawHttp.send(API, "GET /api/v1/releases HTTP/9.9\r\nHost: localhost\r\n\r\n"),
        505,
        "http_version_not_supported");
  }

  @Test
  void anUnknownMethodIsAJson405() {
    assertJsonError(
        RawHttp.send(
            API, "FROB /api/v1/releases HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        405,
        "method_not_allowed");
  }

  @Test
  void theAdminPortAnswersJsonToo() {
    assertJsonError(RawHttp.get(ADMIN, "/no-such-page"), 404, "not_found");
    assertJsonError(RawHttp.get(ADMIN, "/..%2Fhealthcheck"), 400, "bad_request");
    assertJsonError(RawHttp.get(ADMIN, "/healthcheck", "Not a header"), 400, "bad_request");
  }

  @Test
  void theAdminPortStillServesHealthChecks() {
    Answer health = RawHttp.get(ADMIN, "/healthcheck");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().has("postgresql")).isTrue();
  }
}
