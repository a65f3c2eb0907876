package dev.tasklane.store.task;

import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What Temporal, which owns execution, says of a task's workflow now: its latest run, open or closed. Only where the
 * process has a Temporal client.
 */
@Singleton
@Requires(beans = WorkflowClient.class)
public class WorkflowRuns {

    /** Never waits longer than this on Temporal; without an answer the caller keeps what it has. */
    private static final long DESCRIBE_DEADLINE_MILLIS = 1500;

    private final WorkflowClient client;

    public WorkflowRuns(WorkflowClient client) {
        this.client = client;
    }

    /** The latest run of the task's workflow, or empty when Temporal does not know it or does not answer. */
    public Optional<WorkflowExecutionInfo> latest(String taskId) {
        try {
            return Optional.of(client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(DESCRIBE_DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(taskId))
                            .build())
                    .getWorkflowExecutionInfo());
        } catch (StatusRuntimeException unknownOrUnreachable) {
            return Optional.empty();
        }
    }

    /** Whether {@code runId} is the task's latest run, as after a reset; false when Temporal cannot say. */
    public boolean isLatest(String taskId, String runId) {
        return latest(taskId).map(info -> info.getExecution().getRunId().equals(runId)).orElse(false);
    }
}
