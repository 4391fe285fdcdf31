package io.waveguard.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The bench's HTTP client: JSON bodies to the API on loopback, timed from send to response. */
final class BenchHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final URI api;
  private final String token;

  /**
   * @param token the bearer token every call carries
   */
  BenchHttp(URI api, String token) {
    this.api = api;
    this.token = token;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A response's status and how long it took, in milliseconds. */
  record Answer(int status, double millis, String body) {}

  static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer post(String path, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), (System.nanoTime() - start) / 1e6, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during POST " + path, e);
    }
  }
}
