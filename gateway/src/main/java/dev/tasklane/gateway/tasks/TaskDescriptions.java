package dev.tasklane.gateway.tasks;

import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskDetails;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Temporal Web UI shows for a task: a one-line summary and a few lines of details, written by its task type
 * from the payload as views show it, every credential redacted, so that no secret reaches Temporal in clear.
 */
@Singleton
public class TaskDescriptions {

    private final PayloadSecrets secrets;
    private final JsonColumns json;

    public TaskDescriptions(PayloadSecrets secrets, JsonColumns json) {
        this.secrets = secrets;
        this.json = json;
    }

    /** What the Web UI shows for a task: a one-line summary and a few lines of details. */
    public record Description(String summary, String details) {
    }

    /** The summary of a {@code type} task with the stored input {@code inputJson}: its type's name, then what it does. */
    public String summary(TaskType<?> type, String inputJson) {
        return summarize(type, inputJson);
    }

    private <P> String summarize(TaskType<P> type, String inputJson) {
        return summaryOf(type, redacted(type, inputJson));
    }

    /** The summary and details of {@code task}, from one redaction of its payload. */
    public Description of(TaskType<?> type, TaskRow task) {
        return describe(type, task);
    }

    private <P> Description describe(TaskType<P> type, TaskRow task) {
        P shown = redacted(type, task.inputJson());
        return new Description(summaryOf(type, shown), details(type, shown, task));
    }

    private static <P> String summaryOf(TaskType<P> type, P shown) {
        return type.name() + ": " + type.summary(shown);
    }

    /** Whose the task is, its type's facts, then how it was submitted. */
    private static <P> String details(TaskType<P> type, P shown, TaskRow task) {
        Map<String, String> facts = new LinkedHashMap<>(type.details(shown));
        facts.put("Task", task.id());
        if (task.idempotencyKey() != null) {
            facts.put("Idempotency key", task.idempotencyKey());
        }
        if (task.retryOf() != null) {
            facts.put("Retry of", task.retryOf());
        }
        if (task.scheduleId() != null) {
            facts.put("Schedule", task.scheduleId());
        }
        if (task.scheduledFor() != null) {
            facts.put("Runs at", task.scheduledFor().toString());
        }
        return TaskDetails.of(type.name(), task.tenant(), task.owner(), task.priority(), facts);
    }

    private <P> P redacted(TaskType<P> type, String inputJson) {
        return json.read(json.write(secrets.redacted(type.name(), inputJson)), type.payloadType());
    }
}
