package io.waveguard.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.waveguard.api.support.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The admin port reports PostgreSQL and Temporal. */
class HealthChecksTest {

  @Test
  void adminHealthCheckReportsPostgresqlAndTemporalHealthy() {
    TestApp app = TestApp.get();

    JsonNode health = app.api().admin(app.adminPort(), "/healthcheck").body();

    assertThat(health.get("postgresql").get("healthy").asBoolean()).isTrue();
    assertThat(health.get("temporal").get("healthy").asBoolean()).isTrue();
  }

  @Test
  void temporalCheckIsUnhealthyWhenNothingListens() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try {
      HealthCheck.Result result = new TemporalHealthCheck(stubs, Duration.ofMillis(500)).execute();

      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage()).contains("Temporal unreachable");
    } finally {
      stubs.shutdownNow();
    }
  }
}
