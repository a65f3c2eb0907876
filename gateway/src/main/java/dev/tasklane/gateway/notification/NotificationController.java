package dev.tasklane.gateway.notification;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.store.notification.NotificationRow;
import dev.tasklane.store.notification.Notifications;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The caller's own notifications of their tasks' ends: listed newest first, marked read one by one or all at once. */
@Tag(name = "notifications")
@CommonProblems
@Controller("/api/notifications")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int LARGEST_LIMIT = 500;

    private final Notifications notifications;
    private final Clock clock;

    public NotificationController(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** One notification, as its owner sees it. */
    @Serdeable
    public record Notification(long id, String taskId, String taskType, TaskStatus status, @Nullable String message,
                               Instant createdAt, @Nullable Instant readAt) {

        static Notification of(NotificationRow row) {
            return new Notification(row.id(), row.taskId(), row.taskType(), row.status(), row.message(),
                    row.createdAt(), row.readAt());
        }
    }

    /** A page of notifications, how many are unread in all, and the cursor of the next page. */
    @Serdeable
    public record NotificationPage(List<Notification> items, long unread, @Nullable String nextCursor) {
    }

    /** How many were marked read. */
    @Serdeable
    public record Marked(int marked) {
    }

    @Operation(operationId = "listNotifications", summary = "Your notifications, newest first.")
    @Get
    public NotificationPage list(
            @Parameter(description = "true: only notifications not yet read.",
                    schema = @Schema(implementation = Boolean.class))
            @Nullable @QueryValue String unreadOnly,
            @Parameter(description = "Notifications per page, 1-" + LARGEST_LIMIT + " (default " + DEFAULT_LIMIT + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_LIMIT))
            @Nullable @QueryValue String limit,
            @Parameter(description = "The nextCursor of the page before.")
            @Nullable @QueryValue String cursor,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        if (unreadOnly != null && !unreadOnly.equals("true") && !unreadOnly.equals("false")) {
            errors.add("unreadOnly", "must be true or false");
        }
        int size = (int) errors.wholeNumber("limit", limit, 1, LARGEST_LIMIT, DEFAULT_LIMIT);
        long before = errors.wholeNumber("cursor", cursor, 1, Long.MAX_VALUE, 0);
        errors.throwIfAny();
        Caller caller = Caller.of(authentication);
        List<Notification> page = notifications.of(caller.tenant(), caller.subject(), "true".equals(unreadOnly),
                before, size + 1).stream().map(Notification::of).toList();
        boolean more = page.size() > size;
        List<Notification> items = more ? page.subList(0, size) : page;
        return new NotificationPage(items,
                notifications.countByTenantAndOwnerAndReadAtIsNull(caller.tenant(), caller.subject()),
                more ? Long.toString(items.get(items.size() - 1).id()) : null);
    }

    @Operation(operationId = "markNotificationRead", summary = "Marks one notification read.")
    @NotFoundProblem
    @Post("/{id}/read")
    public Notification read(
            @Parameter(description = "The notification's ID.", schema = @Schema(implementation = String.class))
            @PathVariable String id,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        long number = errors.wholeNumber("id", id, 1, Long.MAX_VALUE, 0);
        errors.throwIfAny();
        Caller caller = Caller.of(authentication);
        return notifications.markRead(caller.tenant(), caller.subject(), number, clock.instant()).map(Notification::of)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "you have no notification " + id));
    }

    @Operation(operationId = "markAllNotificationsRead", summary = "Marks all your notifications read.")
    @Post("/read-all")
    public Marked readAll(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return new Marked(notifications.markAllRead(caller.tenant(), caller.subject(), clock.instant()));
    }
}
