package dev.tasklane.gateway.batch;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.batch.BatchItem;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.batch.BatchResult;
import dev.tasklane.workflows.batch.BatchWorkflow;
import dev.tasklane.workflows.batch.BatchWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code batch} task type: children of any type run with bounded concurrency. Its children need catalog rows of
 * their own, so batches come in through {@code POST /api/tasks/batch} and {@code POST /api/documents/bulk}, not as
 * a plain submission.
 */
@Singleton
public class BatchTaskType implements TaskType<BatchRequest> {

    private static final TaskWorkflowDeclaration<BatchRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(BatchRequest.class, BatchResult.class, BatchWorkflow.class,
                    BatchWorkflowImpl.class, workflow -> workflow::run, List.of());

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String description() {
        return "Runs many tasks of any type as one batch, a bounded number at a time, continuing past failures or"
                + " stopping at the first; submit it with POST /api/tasks/batch or POST /api/documents/bulk.";
    }

    @Override
    public TaskWorkflowDeclaration<BatchRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    /** A batch waits for no limit: its children do, and one holding room they need would keep them waiting. */
    @Override
    public boolean waitsForLimits() {
        return false;
    }

    @Override
    public void validate(BatchRequest payload, FieldErrors errors) {
        errors.add("type", "batches are submitted with POST /api/tasks/batch (any task types) or POST"
                + " /api/documents/bulk (documents), which register every child task");
    }

    @Override
    public String summary(BatchRequest payload) {
        return payload.items().size() + " tasks, " + payload.concurrencyOrDefault() + " at once"
                + (payload.stopsOnFailure() ? ", stopping at the first failure" : "");
    }

    @Override
    public Map<String, String> details(BatchRequest payload) {
        Map<String, Long> byType = payload.items().stream()
                .collect(Collectors.groupingBy(BatchItem::type, TreeMap::new, Collectors.counting()));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Tasks", byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
        facts.put("On failure", payload.stopsOnFailure() ? "stop the rest" : "continue");
        return facts;
    }
}
