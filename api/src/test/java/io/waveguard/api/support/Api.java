package io.waveguard.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** A plain HTTP client for the API: tests send exactly the bytes and headers they mean to. */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A client that sends the tests' admin token ({@link TestTokens#admin()}). */
  public Api(URI base) {
    this(base, "Bearer " + TestTokens.admin());
  }

  private Api(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** A client of a server outside the tests' database (the demo's), with that server's token. */
  public static Api withToken(URI base, String bearerToken) {
    return new Api(base, "Bearer " + bearerToken);
  }

  /** The same server with this bearer token instead. */
  public Api withToken(String bearerToken) {
    return new Api(base, "Bearer " + bearerToken);
  }

  /** The same server with this Authorization header, sent as it is (malformed ones too). */
  public Api withAuthorization(String header) {
    return new Api(base, header);
  }

  /** The same server without any Authorization header. */
  public Api anonymous() {
    return new Api(base, null);
  }

  /** An answer: status, Location header, the body as JSON (null when empty), all headers. */
  public record Answer(
      int status, String location, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
    /** The header's first value, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String text(String field) {
      JsonNode node = body == null ? null : body.get(field);
      return node == null || node.isNull() ? null : node.asText();
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Answer post(String path, String json) {
    return send(path, "POST", "application/json", HttpRequest.BodyPublishers.ofString(json));
  }

  public Answer put(String path, String json) {
    return send(path, "PUT", "application/json", HttpRequest.BodyPublishers.ofString(json));
  }

  /** Sends a body whose length is not declared, so it goes out in chunks. */
  public Answer postStreamed(String path, Supplier<InputStream> body) {
    return send(path, "POST", "application/json", HttpRequest.BodyPublishers.ofInputStream(body));
  }

  public Answer send(String path, String method, String contentType, BodyPublisher body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** A GET of the admin port, which needs no token. */
  public Answer admin(int adminPort, String path) {
    return sendAsIs(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).GET());
  }

  private URI uri(String path) {
    return base.resolve(path);
  }

  private Answer send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return sendAsIs(request);
  }

  private Answer sendAsIs(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode body = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Location").orElse(null),
          body,
          raw,
          response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
