package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.flow.TaskLimits;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.Priority;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Starts the workflow for a catalog row: ID, task queue, limits, priority, fairness key, start delay, search attributes and the summary and
 * details the Web UI shows.
 */
@Singleton
public class TaskLauncher {

    private final WorkflowClient client;
    private final TaskTypes types;
    private final TaskDescriptions descriptions;
    private final JsonColumns json;
    private final TaskQueues queues;
    private final TaskLimits limits;
    private final Clock clock;

    public TaskLauncher(WorkflowClient client, TaskTypes types, TaskDescriptions descriptions, JsonColumns json,
                        TaskQueues queues, TaskLimits limits, Clock clock) {
        this.client = client;
        this.types = types;
        this.descriptions = descriptions;
        this.json = json;
        this.queues = queues;
        this.limits = limits;
        this.clock = clock;
    }

    /** Starts the task's workflow; a workflow already running under its ID counts as started. */
    public void start(TaskRow task) {
        start(types.require(task.type()), task);
    }

    private <P> void start(TaskType<P> type, TaskRow task) {
        P payload = json.read(task.inputJson(), type.payloadType());
        TaskDescriptions.Description description = descriptions.of(type, task);
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
                .setWorkflowId(task.id())
                .setTaskQueue(queues.of(task.type()))
                .setPriority(Priority.newBuilder()
                        .setPriorityKey(task.priority().temporalKey())
                        .setFairnessKey(task.tenant())
                        .build())
                .setTypedSearchAttributes(TaskSearchAttributes.of(task.tenant(), task.type(), task.priority(),
                        task.owner()))
                .setStaticSummary(description.summary())
                .setStaticDetails(description.details());
        Duration delay = task.scheduledFor() == null ? Duration.ZERO
                : Duration.between(clock.instant(), task.scheduledFor());
        if (delay.isNegative() || delay.isZero()) {
            // a worker of this process with a free slot gets the first workflow task in the start's reply
            options.setDisableEagerExecution(false);
        } else {
            options.setStartDelay(delay);
        }
        try {
            type.workflow().start(client, options.build(), payload, limits.applied(type, task.tenant(), task.inputJson(),
                    json.read(task.settingsJson(), TaskSettings.class)));
        } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
            // Started before (a repeated submission racing the first, or a re-drive): nothing to do.
        }
    }
}
