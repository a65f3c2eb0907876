package dev.tasklane.gateway.cleanup;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.cleanup.CleanupActivities;
import dev.tasklane.workflows.cleanup.CleanupRequest;
import dev.tasklane.workflows.cleanup.CleanupResult;
import dev.tasklane.workflows.cleanup.CleanupWorkflow;
import dev.tasklane.workflows.cleanup.CleanupWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.List;

/** The {@code cleanup} task type: an ADMIN's, since it deletes the tenant's finished tasks. */
@Singleton
public class CleanupTaskType implements TaskType<CleanupRequest> {

    public static final String NAME = "cleanup";

    private static final TaskWorkflowDeclaration<CleanupRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(CleanupRequest.class, CleanupResult.class, CleanupWorkflow.class,
                    CleanupWorkflowImpl.class, workflow -> workflow::clean, List.of(CleanupActivities.class));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Removes finished tasks past their retention (per outcome, or maxAgeHours) with their events, and sets"
                + " right unfinished tasks whose workflows were closed outside Tasklane.";
    }

    @Override
    public TaskWorkflowDeclaration<CleanupRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public String requiredRole() {
        return Roles.ADMIN;
    }

    @Override
    public void validate(CleanupRequest payload, FieldErrors errors) {
        Integer hours = payload.maxAgeHours();
        if (hours != null && (hours < 1 || hours > CleanupRequest.LONGEST_MAX_AGE_HOURS)) {
            errors.add("payload.maxAgeHours", "must be a whole number from 1 to "
                    + CleanupRequest.LONGEST_MAX_AGE_HOURS + " (ten years)");
        }
    }

    @Override
    public String summary(CleanupRequest payload) {
        return payload.maxAgeHours() == null ? "finished tasks past their retention"
                : "finished tasks that ended over " + payload.maxAgeHours() + " h ago";
    }
}
