package dev.tasklane.activities.lifecycle;

import dev.tasklane.store.task.TaskRepository;

import dev.tasklane.store.task.TaskRow;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

/** The catalog row of the task whose activity is running, for activities that need its tenant or scope. */
@Singleton
public class CallingTask {

    /** Error type of an activity whose task has no catalog row: nothing retrying could mend. */
    public static final String NOT_IN_CATALOG = "NotInCatalog";

    private final TaskRepository tasks;

    public CallingTask(TaskRepository tasks) {
        this.tasks = tasks;
    }

    /** The calling activity's task; a non-retryable failure when the catalog has no such task. */
    public TaskRow row() {
        String taskId = Activity.getExecutionContext().getInfo().getWorkflowId();
        return tasks.findById(taskId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "task " + taskId + " is not in the catalog", NOT_IN_CATALOG));
    }
}
