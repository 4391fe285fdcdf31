package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.workflows.devserver.TemporalDevServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Durability across dying processes, on a real Temporal server: a worker dies mid-bake and a new
 * one finishes the release; the Temporal server itself restarts mid-bake and the release goes on.
 * Each worker has its own gRPC connection, as separate processes would.
 */
class WorkerRestartTest {

  private static final ReleasePolicy TWO_SECOND_BAKES = ReleasePolicy.defaults().withBakeSeconds(2);

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private TemporalDevServer server;

  @BeforeEach
  void startServer() throws Exception {
    Optional<Path> cli = TemporalDevServer.findCli();
    assumeTrue(
        cli.isPresent(),
        "needs the temporal CLI (.ci/run installs it: go install"
            + " github.com/temporalio/cli/cmd/temporal@v1.5.1)");
    server = TemporalDevServer.start(cli.get());
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aNewWorkerFinishesAReleaseWhoseWorkerDiedMidBake() throws Exception {
    WorkerProcess first = new WorkerProcess(server.target(), fleet);
    ReleaseWorkflow release = first.startRelease("worker-restart");
    awaitWaveStatus(release, 2, WaveStatus.BAKING);

    first.kill();
    WorkerProcess second = new WorkerProcess(server.target(), fleet);
    ReleaseState done = second.awaitResult("worker-restart");
    second.kill();

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.deployCounts).hasSize(20).allSatisfy((target, n) -> assertThat(n).isOne());
  }

  @Test
  void aReleaseSurvivesARestartOfThePersistentTemporalServer() throws Exception {
    WorkerProcess worker = new WorkerProcess(server.target(), fleet);
    ReleaseWorkflow release = worker.startRelease("server-restart");
    awaitWaveStatus(release, 2, WaveStatus.BAKING);

    server.kill();
    server.restart();
    ReleaseState done = worker.awaitResult("server-restart");
    worker.kill();

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.deployCounts).hasSize(20).allSatisfy((target, n) -> assertThat(n).isOne());
  }

  private static void awaitWaveStatus(ReleaseWorkflow release, int wave, WaveStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<WaveView> waves = release.state().waves();
      if (waves.size() >= wave && waves.get(wave - 1).status() == status) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("wave " + wave + " never reached " + status);
  }

  /** What a worker process owns: its own connection, client and worker factory. */
  private static final class WorkerProcess {
    final WorkflowServiceStubs stubs;
    final WorkflowClient client;
    final WorkerFactory factory;

    WorkerProcess(String target, InMemoryReleaseActivities.Fleet fleet) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      client = WorkflowClient.newInstance(stubs);
      factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(ReleaseTestEnvironment.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
      worker.registerActivitiesImplementations(new InMemoryReleaseActivities(fleet));
      factory.start();
    }

    ReleaseWorkflow startRelease(String releaseId) {
      return ReleaseTestEnvironment.startRelease(
          client,
          ReleaseTestEnvironment.spec(releaseId, Strategy.TRUST_WEIGHTED, TWO_SECOND_BAKES));
    }

    ReleaseState awaitResult(String releaseId) throws Exception {
      return client
          .newUntypedWorkflowStub("release-" + releaseId)
          .getResult(90, TimeUnit.SECONDS, ReleaseState.class);
    }

    /** As abrupt as a JVM can be to itself: drop the work and the connection at once. */
    void kill() throws InterruptedException {
      factory.shutdownNow();
      stubs.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
