package io.waveguard.workflows.release;

import io.waveguard.workflows.model.GateVerdict;
import io.waveguard.workflows.model.OperatorCommand;
import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records the release histories that {@link ReleaseReplayTest} replays. Run it only when the
 * workflow changed on purpose and the old histories were kept replaying with {@code getVersion}:
 * new files are added next to the old ones, never instead of them.
 *
 * <pre>
 * ./mvnw -q -pl workflows test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/cp.txt) \
 *   io.waveguard.workflows.release.ReleaseHistoryRecorder workflows/src/test/resources/histories
 * </pre>
 */
public final class ReleaseHistoryRecorder {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults().withBakeSeconds(600);

  private ReleaseHistoryRecorder() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    record(dir, "completed", wave -> GateVerdict.PASS, false);
    record(dir, "rolled-back", wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS, false);
    record(dir, "paused-resumed", wave -> GateVerdict.PASS, true);
    System.exit(0);
  }

  private static void record(
      Path dir, String name, java.util.function.IntFunction<GateVerdict> verdicts, boolean pause)
      throws IOException {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .gateVerdicts(verdicts);
    try (ReleaseTestEnvironment temporal = new ReleaseTestEnvironment().start(activities)) {
      ReleaseWorkflow release =
          temporal.startRelease(ReleaseTestEnvironment.spec(name, Strategy.TRUST_WEIGHTED, POLICY));
      if (pause) {
        temporal.env.sleep(Duration.ofSeconds(60));
        release.pause(new OperatorCommand("alice", "investigating a dashboard"));
        temporal.env.sleep(Duration.ofHours(1));
        release.resume(new OperatorCommand("alice", "dashboard was stale"));
      }
      String workflowId = "release-" + name;
      temporal.client().newUntypedWorkflowStub(workflowId).getResult(ReleaseState.class);
      String json = temporal.client().fetchHistory(workflowId).toJson(true);
      Files.writeString(dir.resolve(name + ".json"), json);
    }
  }
}
