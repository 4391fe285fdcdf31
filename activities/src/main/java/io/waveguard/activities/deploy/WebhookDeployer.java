package io.waveguard.activities.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.observability.HttpTracing;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.workflows.activities.ActivityErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Hands batches to an external deployment system by HTTP POST. The receiver should honour the
 * {@code Idempotency-Key} header: a batch re-sent after a worker crash carries the same key. Each
 * call is a client span of the release's trace, whose context the W3C {@code traceparent} header
 * carries to the receiver.
 */
public final class WebhookDeployer implements Deployer {

  /**
   * 4xx answers that mean "not now" rather than "never": request timeout, a concurrent request with
   * the same idempotency key still running, too early, rate limited.
   */
  private static final Set<Integer> TRANSIENT_CLIENT_ERRORS = Set.of(408, 409, 425, 429);

  private final URI url;
  private final Duration timeout;
  private final HttpClient client;
  private final HttpTracing tracing;

  public WebhookDeployer(URI url, Duration timeout) {
    this(url, timeout, HttpTracing.none());
  }

  public WebhookDeployer(URI url, Duration timeout, HttpTracing tracing) {
    this.url = url;
    this.timeout = timeout;
    this.tracing = tracing;
    // HTTP/1.1: most deploy hooks are plain HTTP services, and an h2c upgrade buys nothing here.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public void deploy(DeployBatch batch) {
    post(batch, DeployAction.DEPLOY);
  }

  @Override
  public void rollBack(DeployBatch batch) {
    post(batch, DeployAction.ROLLBACK);
  }

  /** The JSON body of a webhook call. */
  record Payload(String action, String releaseId, int wave, String version, List<String> targets) {}

  private void post(DeployBatch batch, DeployAction action) {
    try (HttpTracing.Call call = tracing.start("POST", url)) {
      call.span()
          .setAttribute(ReleaseContext.RELEASE_ID, batch.releaseId())
          .setAttribute(ReleaseContext.WAVE, (long) batch.wave())
          .setAttribute(ReleaseContext.TARGETS, (long) batch.targetIds().size())
          .setAttribute("waveguard.deploy.action", action.wireName());
      try {
        post(batch, action, call);
      } catch (RuntimeException e) {
        call.failed(e);
        throw e;
      }
    }
  }

  private void post(DeployBatch batch, DeployAction action, HttpTracing.Call call) {
    String key = batch.idempotencyKey(action);
    HttpRequest request =
        call.propagate(HttpRequest.newBuilder(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body(batch, action)))
            .build();
    HttpResponse<String> response = send(request, action, key);
    int status = response.statusCode();
    call.answered(status);
    if (status >= 200 && status < 300) {
      return;
    }
    String what =
        "deployer at %s answered HTTP %d to %s %s: %s"
            .formatted(url, status, action.wireName(), key, abbreviate(response.body()));
    if (status >= 500 || TRANSIENT_CLIENT_ERRORS.contains(status)) {
      throw new DeployerUnavailableException(what);
    }
    // Any other answer (4xx, or a redirect we do not follow) will be the same on every retry.
    throw ApplicationFailure.newNonRetryableFailure(what, ActivityErrors.DEPLOY_REJECTED);
  }

  private HttpResponse<String> send(HttpRequest request, DeployAction action, String key) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new DeployerUnavailableException(
          "deployer at %s did not answer %s %s within %d ms"
              .formatted(url, action.wireName(), key, timeout.toMillis()),
          e);
    } catch (IOException e) {
      throw new DeployerUnavailableException(
          "deployer at %s unreachable for %s %s: %s".formatted(url, action.wireName(), key, e), e);
    } catch (InterruptedException e) {
      // The activity is being cancelled or the worker is shutting down; keep the flag for them.
      Thread.currentThread().interrupt();
      throw new DeployerUnavailableException("interrupted while calling the deployer", e);
    }
  }

  private static String body(DeployBatch batch, DeployAction action) {
    try {
      return Database.JSON.writeValueAsString(
          new Payload(
              action.wireName(),
              batch.releaseId(),
              batch.wave(),
              batch.version(),
              batch.targetIds()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a deploy batch", e);
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
