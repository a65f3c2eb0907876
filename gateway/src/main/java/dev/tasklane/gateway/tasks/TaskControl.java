package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.batch.BatchSubmitter;
import dev.tasklane.gateway.batch.BatchTaskType;
import dev.tasklane.gateway.config.PriorityProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.event.TaskChange;
import dev.tasklane.store.event.TaskEventLog;
import dev.tasklane.store.event.TaskEventRepository;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;

/** What operators do to existing tasks: cancel, retry as a new task, delete. */
@Singleton
public class TaskControl {

    private final TaskRepository tasks;
    private final VisibleTasks visible;
    private final TaskEventRepository events;
    private final TaskEventLog log;
    private final TaskSubmitter submitter;
    private final BatchSubmitter batches;
    private final BatchTaskType batchType;
    private final TaskTypes types;
    private final PayloadSecrets secrets;
    private final WorkflowClient client;
    private final PriorityProperties priority;

    public TaskControl(TaskRepository tasks, VisibleTasks visible, TaskEventRepository events, TaskEventLog log,
                       TaskSubmitter submitter, BatchSubmitter batches, BatchTaskType batchType, TaskTypes types,
                       PayloadSecrets secrets, WorkflowClient client, PriorityProperties priority) {
        this.tasks = tasks;
        this.visible = visible;
        this.events = events;
        this.log = log;
        this.submitter = submitter;
        this.batches = batches;
        this.batchType = batchType;
        this.types = types;
        this.secrets = secrets;
        this.client = client;
        this.priority = priority;
    }

    /** Asks the task's workflow to cancel; it ends CANCELLED once its activity notices. */
    public TaskRow cancel(String id, Caller caller) {
        TaskRow task = visible.find(id, caller);
        if (task.status().isTerminal()) {
            throw new ProblemException(ProblemType.TASK_STATE_CONFLICT,
                    "task " + id + " already ended " + task.status() + "; only unfinished tasks can be cancelled");
        }
        try {
            client.newUntypedWorkflowStub(id).cancel();
        } catch (WorkflowNotFoundException gone) {
            // Temporal no longer knows the workflow (closed from outside): record the cancellation ourselves.
            log.append(new TaskChange(id, TaskEventType.TASK_CANCELLED, TaskStatus.CANCELLED, null,
                    "cancelled; Temporal had no running workflow for it", null, null, null, null, null));
        }
        return task;
    }

    /**
     * Runs a FAILED, CANCELLED or TIMED_OUT task again as a new task with the same input, naming the old one, at its
     * priority raised by the retry boost; its credentials sealed as a submission's are now, should the task have been
     * stored under earlier rules. A batch runs again as a new batch whose items are new tasks, checked and counted as
     * a new batch's are.
     */
    public TaskRow retry(String id, Caller caller) {
        TaskRow task = visible.find(id, caller);
        if (!task.status().isTerminal() || task.status() == TaskStatus.COMPLETED) {
            throw new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + id + " is " + task.status()
                    + "; only FAILED, CANCELLED or TIMED_OUT tasks can be retried");
        }
        TaskPriority boosted = task.priority().raisedBy(priority.retryBoost());
        if (task.type().equals(batchType.name())) {
            return batches.resubmit(task, boosted, caller);
        }
        ValidSubmission again = new ValidSubmission(types.require(task.type()),
                secrets.sealed(task.type(), task.inputJson()), boosted, null, null, task.settingsJson());
        return submitter.resubmit(again, caller, task).task();
    }

    /** Deletes a finished task and its events. */
    @Transactional
    public void delete(String id, Caller caller) {
        TaskRow task = visible.find(id, caller);
        if (!task.status().isTerminal()) {
            throw new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + id + " is " + task.status()
                    + "; cancel it and wait for it to end before deleting it");
        }
        events.deleteByTaskId(id);
        tasks.deleteByIdAndTenant(id, task.tenant());
    }
}
