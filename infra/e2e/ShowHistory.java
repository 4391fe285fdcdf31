import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;

/**
 * Prints a workflow's history one event a line, with the task queue of each scheduled workflow
 * task (sticky or normal) and the identity of the worker that started it: what is needed to see
 * where a release stands after a worker was killed. Runs as a single-file program on the jar:
 *
 * <pre>java -cp api/target/waveguard.jar infra/e2e/ShowHistory.java 127.0.0.1:7233 WORKFLOW_ID</pre>
 */
public class ShowHistory {

  public static void main(String[] args) {
    // The jar brings logback without a configuration: DEBUG from gRPC otherwise.
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(args.length > 2 ? args[2] : "default")
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(args[1]))
                      .setNextPageToken(page)
                      .build());
      response.getHistory().getEventsList().forEach(e -> System.out.println(line(e)));
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    stubs.shutdown();
  }

  private static String line(HistoryEvent e) {
    String time =
        Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos())
            .toString();
    String detail = "";
    if (e.hasWorkflowTaskScheduledEventAttributes()) {
      var a = e.getWorkflowTaskScheduledEventAttributes();
      detail =
          "queue=" + a.getTaskQueue().getName() + " kind=" + a.getTaskQueue().getKind();
    } else if (e.hasWorkflowTaskStartedEventAttributes()) {
      detail = "identity=" + e.getWorkflowTaskStartedEventAttributes().getIdentity();
    } else if (e.hasWorkflowTaskTimedOutEventAttributes()) {
      detail = "timeout=" + e.getWorkflowTaskTimedOutEventAttributes().getTimeoutType();
    } else if (e.hasActivityTaskScheduledEventAttributes()) {
      detail = "activity=" + e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    } else if (e.hasActivityTaskStartedEventAttributes()) {
      detail =
          "identity=" + e.getActivityTaskStartedEventAttributes().getIdentity()
              + " attempt=" + e.getActivityTaskStartedEventAttributes().getAttempt();
    } else if (e.hasTimerStartedEventAttributes()) {
      var a = e.getTimerStartedEventAttributes();
      detail = "timer=" + a.getTimerId() + " after=" + a.getStartToFireTimeout().getSeconds() + "s";
    }
    return "%4d %s %-40s %s".formatted(e.getEventId(), time, e.getEventType().name().replace("EVENT_TYPE_", ""), detail);
  }
}
