package dev.tasklane.store.notification;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One in-app notification to a task's owner: it ended, or it awaits them; read or not yet. */
@MappedEntity(value = "notification", escape = false)
public record NotificationRow(
        @Id @GeneratedValue @Nullable Long id,
        String tenant,
        String owner,
        String taskId,
        String taskType,
        TaskStatus status,
        @Nullable String message,
        Instant createdAt,
        @Nullable Instant readAt) {

    private static final int LONGEST_MESSAGE = 2000;

    /** The unread notification about a task in {@code status}, its message cut to what the column holds. */
    public static NotificationRow about(String tenant, String owner, String taskId, String taskType,
                                            TaskStatus status, @Nullable String message, Instant at) {
        String kept = message == null || message.length() <= LONGEST_MESSAGE
                ? message : message.substring(0, LONGEST_MESSAGE);
        return new NotificationRow(null, tenant, owner, taskId, taskType, status, kept, at, null);
    }
}
