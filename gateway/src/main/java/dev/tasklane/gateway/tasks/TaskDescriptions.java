package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskRow;
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

    /** The summary of a {@code type} task with the stored input {@code inputJson}: its type's name, then what it does. */
    public String summary(TaskType<?> type, String inputJson) {
        return type.name() + ": " + summaryOf(type, inputJson);
    }

    /** The details of {@code task}: whose it is, its type's facts, then how it was submitted. */
    public String details(TaskType<?> type, TaskRow task) {
        Map<String, String> facts = new LinkedHashMap<>(detailsOf(type, task.inputJson()));
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

    private <P> String summaryOf(TaskType<P> type, String inputJson) {
        return type.summary(redacted(type, inputJson));
    }

    private <P> Map<String, String> detailsOf(TaskType<P> type, String inputJson) {
        return type.details(redacted(type, inputJson));
    }

    private <P> P redacted(TaskType<P> type, String inputJson) {
        return json.read(json.write(secrets.redacted(type.name(), inputJson)), type.payloadType());
    }
}
