package dev.tasklane.gateway.bulk;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.bulk.BulkActionActivities;
import dev.tasklane.workflows.bulk.BulkActionRequest;
import dev.tasklane.workflows.bulk.BulkActionResult;
import dev.tasklane.workflows.bulk.BulkActionWorkflow;
import dev.tasklane.workflows.bulk.BulkActionWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cancels, retries or deletes every task of a filter as one tracked task; made by {@code POST /api/tasks/bulk} only. */
@Singleton
public class BulkActionTaskType implements TaskType<BulkActionRequest> {

    private static final TaskWorkflowDeclaration<BulkActionRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(BulkActionRequest.class, BulkActionResult.class, BulkActionWorkflow.class,
                    BulkActionWorkflowImpl.class, workflow -> workflow::run, List.of(BulkActionActivities.class));

    @Override
    public String name() {
        return "bulk-action";
    }

    @Override
    public String description() {
        return "Cancels, retries or deletes every task matching a filter as one operation with its own progress;"
                + " submit it with POST /api/tasks/bulk.";
    }

    @Override
    public TaskWorkflowDeclaration<BulkActionRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    /** Refused here: only POST /api/tasks/bulk makes one, with the submitter's roles it acts under. */
    @Override
    public void validate(BulkActionRequest payload, FieldErrors errors) {
        errors.add("type", "bulk actions are submitted with POST /api/tasks/bulk, which checks who may act on what");
    }

    /** A bulk action waits for no limit: the tasks it acts on do. */
    @Override
    public boolean waitsForLimits() {
        return false;
    }

    @Override
    public String summary(BulkActionRequest payload) {
        return payload.action() + " every task" + (payload.type() == null ? "" : " of type " + payload.type())
                + (payload.status() == null ? "" : " in status " + payload.status());
    }

    @Override
    public Map<String, String> details(BulkActionRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Action", payload.action());
        facts.put("Type", payload.type() == null ? "any" : payload.type());
        facts.put("Status", payload.status() == null ? "any the action applies to" : payload.status());
        facts.put("Submitted", (payload.createdFrom() == null ? "any time" : "from " + payload.createdFrom())
                + (payload.createdTo() == null ? "" : " until " + payload.createdTo()));
        return facts;
    }
}
