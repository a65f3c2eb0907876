package dev.tasklane.gateway.batch;

import dev.tasklane.gateway.flow.TaskLimits;
import dev.tasklane.gateway.problem.FieldError;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.PayloadSecrets;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskDescriptions;
import dev.tasklane.gateway.tasks.TaskQueues;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.ValidSubmission;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.batch.BatchItem;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks every item of a batch like a submission of its own, registers the valid ones as child tasks and submits
 * the batch that runs them; a retried batch goes the same way, its items becoming new tasks. Items that fail their
 * checks (or name a document the caller may not see) are answered with their errors and left out; a batch with no
 * valid item is a 400.
 */
@Singleton
public class BatchSubmitter {

    static final int MOST_ITEMS = 1000;
    static final int MOST_CONCURRENCY = 100;
    private static final int LARGEST_INPUT = 900_000;
    private static final Set<String> POLICIES = Set.of(BatchRequest.CONTINUE, BatchRequest.STOP);

    /** What became of one item: its task, or why it was left out. */
    @Serdeable
    public record ItemOutcome(int index, @Nullable String taskId, @Nullable String type,
                              @Nullable List<FieldError> errors) {
    }

    /** The batch task and every item's outcome. */
    public record Submitted(TaskRow batch, List<ItemOutcome> items) {
    }

    private final SubmissionReader reader;
    private final TaskSubmitter submitter;
    private final BatchTaskType batchType;
    private final TaskTypes types;
    private final PayloadSecrets secrets;
    private final TaskDescriptions descriptions;
    private final JsonColumns json;
    private final TaskQueues queues;
    private final TaskLimits limits;

    public BatchSubmitter(SubmissionReader reader, TaskSubmitter submitter, BatchTaskType batchType, TaskTypes types,
                          PayloadSecrets secrets, TaskDescriptions descriptions, JsonColumns json, TaskQueues queues,
                          TaskLimits limits) {
        this.reader = reader;
        this.submitter = submitter;
        this.batchType = batchType;
        this.types = types;
        this.secrets = secrets;
        this.descriptions = descriptions;
        this.json = json;
        this.queues = queues;
        this.limits = limits;
    }

    /** Submits {@code items} (each a task submission envelope) as one batch. */
    public Submitted submit(List<JsonNode> items, @Nullable JsonNode concurrency, @Nullable JsonNode onFailure,
                            @Nullable JsonNode priority, Caller caller) {
        FieldErrors errors = new FieldErrors();
        if (items.isEmpty() || items.size() > MOST_ITEMS) {
            errors.add("items", "must hold 1-" + MOST_ITEMS + " task submissions");
        }
        int parallel = (int) errors.wholeNumber("concurrency", scalar(concurrency), 1, MOST_CONCURRENCY,
                BatchRequest.DEFAULT_CONCURRENCY);
        String policy = onFailure == null ? BatchRequest.CONTINUE : scalar(onFailure);
        if (!POLICIES.contains(policy)) {
            errors.add("onFailure", "must be 'continue' (run every item) or 'stop' (cancel the rest at the first failure)");
        }
        TaskPriority batchPriority = SubmissionReader.priority(scalar(priority), errors);
        errors.throwIfAny();

        List<ItemOutcome> outcomes = new ArrayList<>();
        List<TaskSubmitter.BatchChild> children = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<FieldError> itemErrors = check(items.get(i), i);
            if (!itemErrors.isEmpty()) {
                outcomes.add(new ItemOutcome(i, null, null, itemErrors));
                continue;
            }
            try {
                ValidSubmission child = reader.read(items.get(i), null);
                submitter.mayRefer(child, caller);
                String id = TaskSubmitter.newId(child.type());
                children.add(new TaskSubmitter.BatchChild(id, child));
                outcomes.add(new ItemOutcome(i, id, child.type().name(), null));
            } catch (ProblemException invalid) {
                outcomes.add(new ItemOutcome(i, null, null, prefixed(invalid, i)));
            }
        }
        if (children.isEmpty()) {
            throw ProblemException.invalid(outcomes.stream().flatMap(o -> o.errors().stream()).toList());
        }
        ValidSubmission batch = batch(children, parallel, policy, batchPriority, json.write(new TaskSettings(null, null)),
                caller.tenant());
        return new Submitted(submitter.submitBatch(batch, children, caller).task(), outcomes);
    }

    /**
     * Runs the items of the finished batch {@code original} again as a new batch of new tasks, each checked (role,
     * references) and counted against the quotas as in a new batch, with the limits of the day; the new batch, at
     * {@code priority}, names the old one.
     */
    public TaskRow resubmit(TaskRow original, TaskPriority priority, Caller caller) {
        BatchRequest request = json.read(original.inputJson(), BatchRequest.class);
        List<TaskSubmitter.BatchChild> children = new ArrayList<>();
        for (BatchItem item : request.items()) {
            TaskType<?> type = types.require(item.type());
            ValidSubmission child = new ValidSubmission(type, secrets.sealed(item.type(), json.write(item.payload())),
                    TaskPriority.ofTemporalKey(item.priorityKey()), null, null,
                    json.write(limits.submitted(item.settings(), caller.tenant())));
            children.add(new TaskSubmitter.BatchChild(TaskSubmitter.newId(type), child));
        }
        ValidSubmission batch = batch(children, request.concurrencyOrDefault(), request.onFailure(),
                priority, original.settingsJson(), caller.tenant());
        return submitter.resubmitBatch(batch, children, caller, original).task();
    }

    /**
     * The batch task that runs {@code children} of {@code tenant}, each with the limits it waits for; a 413 when their
     * items do not fit in one.
     */
    private ValidSubmission batch(List<TaskSubmitter.BatchChild> children, int parallel, String policy,
                                  TaskPriority priority, String settingsJson, String tenant) {
        List<BatchItem> items = children.stream().map(child -> new BatchItem(child.id(),
                child.submission().type().name(), child.submission().type().workflowType(),
                json.read(child.submission().inputJson(), Object.class),
                limits.applied(child.submission().type(), tenant, child.submission().inputJson(),
                        json.read(child.submission().settingsJson(), TaskSettings.class)),
                child.submission().priority().temporalKey(),
                descriptions.summary(child.submission().type(), child.submission().inputJson()),
                queues.of(child.submission().type().name()))).toList();
        String input = json.write(new BatchRequest(items, parallel, policy));
        if (input.length() > LARGEST_INPUT) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the batch's items come to " + input.length()
                    + " characters; at most " + LARGEST_INPUT + " fit in one batch, so split it");
        }
        return new ValidSubmission(batchType, input, priority, null, null, settingsJson);
    }

    /** A string or number option as text; anything else (an object, an array) as text no check accepts. */
    @Nullable
    private static String scalar(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.getNumberValue().toString();
        }
        return value.isString() ? value.getStringValue() : value.toString();
    }

    private static List<FieldError> check(JsonNode item, int index) {
        String at = "items[" + index + "]";
        if (!item.isObject()) {
            return List.of(new FieldError(at, "must be a task submission object {type, payload, …}"));
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode type = item.get("type");
        if (type != null && type.isString() && type.getStringValue().equals("batch")) {
            errors.add(new FieldError(at + ".type", "a batch cannot hold batches"));
        }
        for (String field : List.of("runAt", "idempotencyKey")) {
            if (item.get(field) != null) {
                errors.add(new FieldError(at + "." + field, "is not supported for batch items; the batch starts them"));
            }
        }
        return errors;
    }

    private static List<FieldError> prefixed(ProblemException invalid, int index) {
        List<FieldError> errors = invalid.toProblem().errors();
        if (errors == null || errors.isEmpty()) {
            return List.of(new FieldError("items[" + index + "]", invalid.getMessage()));
        }
        return errors.stream().map(e -> new FieldError("items[" + index + "]." + e.field(), e.message())).toList();
    }
}
