package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import jakarta.inject.Singleton;

/** Finds a task the caller may see; another tenant's or (for a USER) another user's is a 404 just like a missing one. */
@Singleton
public class VisibleTasks {

    private final TaskRepository tasks;

    public VisibleTasks(TaskRepository tasks) {
        this.tasks = tasks;
    }

    public TaskRow find(String id, Caller caller) {
        return tasks.findByIdAndTenant(id, caller.tenant()).filter(caller::canSee)
                .orElseThrow(() -> ProblemException.taskNotFound(id));
    }
}
