package dev.tasklane.gateway.tasks;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Functions;

import java.util.List;
import java.util.function.Function;

/**
 * The Temporal side of a task type, typed so the compiler holds its workflow to the shape Tasklane starts: one method
 * taking the payload and the task's settings and returning the result. The worker registers what it names.
 *
 * @param payloadType       the payload record, the workflow method's first argument
 * @param resultType        the record the workflow returns
 * @param workflowInterface the workflow interface; its simple name is the Temporal workflow type
 * @param implementation    the workflow implementation the worker registers
 * @param method            the workflow method of a stub, such as {@code workflow -> workflow::clean}
 * @param activities        the activity interfaces the workflow calls besides the lifecycle's; the worker registers the
 *                          bean implementing each
 * @param <P>               the payload record
 * @param <R>               the result record
 * @param <W>               the workflow interface
 */
public record TaskWorkflowDeclaration<P, R, W extends TaskWorkflow>(
        Class<P> payloadType, Class<R> resultType, Class<W> workflowInterface, Class<? extends W> implementation,
        Function<W, Functions.Func2<P, TaskSettings, R>> method, List<Class<?>> activities) {

    public TaskWorkflowDeclaration {
        activities = List.copyOf(activities);
    }

    public String workflowType() {
        return workflowInterface.getSimpleName();
    }

    /** Starts the workflow through {@code client}'s typed stub, made with {@code options}. */
    WorkflowExecution start(WorkflowClient client, WorkflowOptions options, P payload,
                            TaskSettings settings) {
        return WorkflowClient.start(method.apply(client.newWorkflowStub(workflowInterface, options)), payload,
                settings);
    }
}
