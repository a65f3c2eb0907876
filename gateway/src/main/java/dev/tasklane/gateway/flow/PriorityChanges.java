package dev.tasklane.gateway.flow;

import com.google.protobuf.FieldMask;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.VisibleTasks;
import dev.tasklane.store.flow.FlowSlots;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Priority;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionOptions;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionOptionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moves a task that has not started to another priority: where Temporal dispatches it (the workflow's options, through
 * Temporal's workflow options update), in the catalog and in the lines of tasks waiting for room under limits; the
 * workflow is told, so the Web UI shows the new level.
 */
@Singleton
public class PriorityChanges {

    /** The states of a task that has not started: only these change priority. */
    public static final List<TaskStatus> NOT_STARTED = List.of(TaskStatus.SCHEDULED, TaskStatus.QUEUED,
            TaskStatus.WAITING);

    private static final long DEADLINE_SECONDS = 5;

    private final VisibleTasks visible;
    private final TaskRepository tasks;
    private final FlowSlots slots;
    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final Clock clock;

    public PriorityChanges(VisibleTasks visible, TaskRepository tasks, FlowSlots slots, WorkflowClient client,
                           TemporalProperties temporal, Clock clock) {
        this.visible = visible;
        this.tasks = tasks;
        this.slots = slots;
        this.client = client;
        this.temporal = temporal;
        this.clock = clock;
    }

    /** Moves the caller's task {@code id} to {@code to}; a 409 once it has started. */
    public TaskRow change(String id, TaskPriority to, Caller caller) {
        TaskRow task = visible.find(id, caller);
        if (!NOT_STARTED.contains(task.status())) {
            throw notStarted(task);
        }
        if (task.priority() != to && !apply(task, to)) {
            throw notStarted(visible.find(id, caller));
        }
        return visible.find(id, caller);
    }

    /**
     * Moves {@code task} from its priority to {@code to}; false when it started, ended or changed meanwhile. Temporal
     * first, so the catalog never shows a level Temporal does not dispatch by.
     */
    public boolean apply(TaskRow task, TaskPriority to) {
        try {
            client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .updateWorkflowExecutionOptions(UpdateWorkflowExecutionOptionsRequest.newBuilder()
                            .setNamespace(temporal.namespace())
                            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(task.id()))
                            .setWorkflowExecutionOptions(WorkflowExecutionOptions.newBuilder()
                                    .setPriority(Priority.newBuilder().setPriorityKey(to.temporalKey())
                                            .setFairnessKey(task.tenant())))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("priority"))
                            .build());
        } catch (StatusRuntimeException refused) {
            if (refused.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE, "Temporal did not change the priority ("
                    + refused.getStatus().getDescription() + "); nothing changed, try again later");
        }
        if (tasks.changePriority(task.id(), task.priority().name(), to.name(), clock.instant(),
                NOT_STARTED.stream().map(Enum::name).toList()) == 0) {
            return false;
        }
        slots.reprioritise(task.id(), to.temporalKey());
        try {
            client.newUntypedWorkflowStub(task.id()).signal(TaskRun.PRIORITY_CHANGED, to.name());
        } catch (WorkflowException ended) {
            // it ended meanwhile; its end stands
        }
        return true;
    }

    private static ProblemException notStarted(TaskRow task) {
        return new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + task.id() + " is " + task.status()
                + "; only a task that has not started (SCHEDULED, QUEUED or WAITING) changes priority");
    }
}
