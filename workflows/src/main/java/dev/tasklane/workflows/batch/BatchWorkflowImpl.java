package dev.tasklane.workflows.batch;

import dev.tasklane.workflows.lifecycle.TaskDetails;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.Priority;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the children as child workflows, never more than the concurrency at once, each with its own priority, the
 * batch's fairness key (its tenant), the search attributes and Web UI summary and details of a task of its own, and
 * counts how each ends. A cancelled batch cancels its running children
 * and records the ones it never started as cancelled.
 */
public class BatchWorkflowImpl implements BatchWorkflow {

    private final TaskRun run = new TaskRun();
    private final Map<String, CancellationScope> running = new LinkedHashMap<>();
    private final List<BatchResult.BatchError> errors = new ArrayList<>();
    private int next;
    private int successful;
    private int failed;
    private int cancelled;
    private boolean stopped;
    private long startedAt;

    @Override
    public BatchResult run(BatchRequest request, TaskSettings settings) {
        startedAt = Workflow.currentTimeMillis();
        run.enterStep("children");
        return run.execute(settings, () -> runChildren(request), () -> {
            cancelled += running.size();
            Workflow.newDetachedCancellationScope(() -> cancelNeverStarted(request, "the batch was cancelled")).run();
            return result(request);
        });
    }

    private BatchResult runChildren(BatchRequest request) {
        List<BatchItem> items = request.items();
        Map<String, Promise<Object>> outcomes = new LinkedHashMap<>();
        while (next < items.size() || !outcomes.isEmpty()) {
            while (!stopped && outcomes.size() < request.concurrencyOrDefault() && next < items.size()) {
                BatchItem item = items.get(next++);
                outcomes.put(item.taskId(), start(item));
            }
            if (outcomes.isEmpty()) {
                break;
            }
            Workflow.await(() -> outcomes.values().stream().anyMatch(Promise::isCompleted));
            for (String taskId : List.copyOf(outcomes.keySet())) {
                Promise<Object> outcome = outcomes.get(taskId);
                if (outcome.isCompleted()) {
                    outcomes.remove(taskId);
                    running.remove(taskId);
                    count(request, taskId, outcome);
                }
            }
            int done = successful + failed + cancelled;
            run.reportProgress(run.progress().counting(done, items.size(), done + " of " + items.size()
                    + " children finished (" + failed + " failed)"));
        }
        cancelNeverStarted(request, "the batch stopped at its first failure");
        return result(request);
    }

    private Promise<Object> start(BatchItem item) {
        TaskPriority priority = TaskPriority.ofTemporalKey(item.priorityKey());
        SearchAttributes batch = Workflow.getTypedSearchAttributes();
        ChildWorkflowStub child = Workflow.newUntypedChildWorkflowStub(item.workflowType(),
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(item.taskId())
                        .setTaskQueue(item.taskQueue())
                        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                        .setPriority(Priority.newBuilder().setPriorityKey(item.priorityKey())
                                .setFairnessKey(Workflow.getInfo().getPriority().getFairnessKey()).build())
                        .setTypedSearchAttributes(TaskSearchAttributes.ofChild(batch, item.type(), priority))
                        .setStaticSummary(item.summary() == null ? item.type() : item.summary())
                        .setStaticDetails(TaskDetails.of(item.type(), batch.get(TaskSearchAttributes.TENANT),
                                batch.get(TaskSearchAttributes.OWNER), priority,
                                Map.of("Batch", Workflow.getInfo().getWorkflowId())))
                        .build());
        Promise<Object>[] outcome = new Promise[1];
        CancellationScope scope = Workflow.newCancellationScope(
                () -> outcome[0] = child.executeAsync(Object.class, item.payload(), item.settings()));
        scope.run();
        running.put(item.taskId(), scope);
        return outcome[0];
    }

    private void count(BatchRequest request, String taskId, Promise<Object> outcome) {
        RuntimeException failure = outcome.getFailure();
        if (failure == null) {
            successful++;
            return;
        }
        Throwable cause = failure instanceof ChildWorkflowFailure child ? child.getCause() : failure;
        if (cause instanceof CanceledFailure) {
            cancelled++;
            return;
        }
        failed++;
        String message = cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : String.valueOf(cause);
        errors.add(new BatchResult.BatchError(taskId, typeOf(request, taskId), message));
        if (request.stopsOnFailure() && !stopped) {
            stopped = true;
            running.values().forEach(scope -> scope.cancel("the batch stops at its first failure"));
        }
    }

    private void cancelNeverStarted(BatchRequest request, String reason) {
        while (next < request.items().size()) {
            run.recordNeverStarted(request.items().get(next++).taskId(), reason);
            cancelled++;
        }
    }

    private BatchResult result(BatchRequest request) {
        return new BatchResult(request.items().size(), successful, failed, cancelled,
                (Workflow.currentTimeMillis() - startedAt) / 1000.0, List.copyOf(errors),
                request.items().stream().map(BatchItem::taskId).toList(), stopped);
    }

    private static String typeOf(BatchRequest request, String taskId) {
        return request.items().stream().filter(item -> item.taskId().equals(taskId)).map(BatchItem::type)
                .findFirst().orElse("");
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
