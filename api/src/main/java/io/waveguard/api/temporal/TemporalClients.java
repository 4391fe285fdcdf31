package io.waveguard.api.temporal;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.dropwizard.lifecycle.Managed;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.waveguard.api.config.TemporalConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process's one connection to Temporal: service stubs and the workflow client built on them.
 * Connecting is lazy, so building this never blocks; closing it is managed by Dropwizard.
 */
public final class TemporalClients implements Managed {

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalClients(
      WorkflowServiceStubs stubs, String namespace, List<WorkflowClientInterceptor> interceptors) {
    this.stubs = stubs;
    this.client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setInterceptors(interceptors.toArray(WorkflowClientInterceptor[]::new))
                .build());
  }

  public static TemporalClients create(TemporalConfiguration config) {
    return create(config, new NoopScope(), List.of());
  }

  /**
   * @param metricsScope where the SDK reports its metrics (client and workers alike)
   * @param interceptors wrap every client call (tracing)
   */
  public static TemporalClients create(
      TemporalConfiguration config,
      Scope metricsScope,
      List<WorkflowClientInterceptor> interceptors) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(config.getTarget())
            .setMetricsScope(metricsScope);
    if (config.usesMutualTls()) {
      options.setSslContext(sslContext(config.getTlsCertPath(), config.getTlsKeyPath()));
    }
    if (config.getApiKey() != null) {
      String apiKey = config.getApiKey();
      options.setEnableHttps(true).addApiKey(() -> apiKey);
    }
    return new TemporalClients(
        WorkflowServiceStubs.newServiceStubs(options.build()), config.getNamespace(), interceptors);
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void start() {
    // Nothing to do: the channel connects on first use.
  }

  @Override
  public void stop() throws InterruptedException {
    stubs.shutdown();
    if (!stubs.awaitTermination(5, TimeUnit.SECONDS)) {
      stubs.shutdownNow();
    }
  }

  private static SslContext sslContext(String certPath, String keyPath) {
    try (InputStream cert = Files.newInputStream(Path.of(certPath));
        InputStream key = Files.newInputStream(Path.of(keyPath))) {
      return SimpleSslContextBuilder.forPKCS8(cert, key).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Temporal TLS certificate or key", e);
    }
  }
}
