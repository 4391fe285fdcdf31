package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Waveguard JSON API over HTTP. Every error comes back as an {@link ApiFailure} with one line
 * for the operator: the field and message of the API's error body, what a 401 or 403 means, or why
 * the server could not be reached.
 */
final class WaveguardClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A request that takes longer is reported rather than waited on; commands answer in seconds. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  private final HttpClient http;

  WaveguardClient(URI base, String token) {
    this.base = base;
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A JSON answer with its status. */
  record Answer(int status, JsonNode body) {}

  Answer get(String path, Map<String, String> query, String doing) {
    return send(HttpRequest.newBuilder(uri(path, query)).GET(), doing);
  }

  Answer post(String path, Map<String, String> query, JsonNode body, String doing) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return send(
        HttpRequest.newBuilder(uri(path, query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        doing);
  }

  URI base() {
    return base;
  }

  private URI uri(String path, Map<String, String> query) {
    String root = base.toString().replaceAll("/+$", "");
    String params =
        query.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return URI.create(root + path + (params.isEmpty() ? "" : "?" + params));
  }

  /**
   * @param doing what the request is for, in words ("start releases"): a 403 says the token may not
   *     do it
   */
  private Answer send(HttpRequest.Builder request, String doing) {
    request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(e instanceof ConnectException ? "connection refused" : "connect timed out");
    } catch (HttpTimeoutException e) {
      throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      throw unreachable(
          e.getCause() instanceof UnknownHostException ? "unknown host" : describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiFailure(0, "interrupted");
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      throw ApiErrors.failure(response.statusCode(), body, token != null, doing);
    }
    return new Answer(response.statusCode(), body);
  }

  private ApiFailure unreachable(String why) {
    return new ApiFailure(0, "cannot reach Waveguard at " + base + ": " + why);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static JsonNode parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }
}
