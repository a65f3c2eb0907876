package dev.tasklane.gateway.tasks;

import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskError;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns catalog rows into the task representation of the API, with links to what can be done next. */
@Singleton
public class TaskViews {

    private final JsonColumns json;
    private final PayloadSecrets secrets;

    public TaskViews(JsonColumns json, PayloadSecrets secrets) {
        this.json = json;
        this.secrets = secrets;
    }

    public TaskView of(TaskRow row) {
        TaskProgress progress = row.progressJson() == null ? TaskProgress.NONE
                : json.read(row.progressJson(), TaskProgress.class);
        return new TaskView(row.id(), row.type(), row.status(), row.priority(), progress, row.attempt(),
                row.createdAt(), row.scheduledFor(), row.startedAt(), row.completedAt(),
                secrets.redacted(row.type(), row.inputJson()), json.read(row.resultJson(), Object.class),
                json.read(row.errorJson(), TaskError.class),
                row.retryOf(), row.idempotencyKey(), row.scheduleId(), links(row));
    }

    private static Map<String, String> links(TaskRow row) {
        String self = "/api/tasks/" + row.id();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("events", self + "/events");
        links.put("logs", self + "/logs");
        if (row.status().isTerminal()) {
            links.put("retry", self + "/retry");
        } else {
            links.put("cancel", self + "/cancel");
        }
        if (row.retryOf() != null) {
            links.put("retryOf", "/api/tasks/" + row.retryOf());
        }
        return links;
    }
}
