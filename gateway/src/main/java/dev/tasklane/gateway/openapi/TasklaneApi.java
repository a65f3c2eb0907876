package dev.tasklane.gateway.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The OpenAPI document's title, description, tags and bearer-token security scheme, which every operation needs. */
@OpenAPIDefinition(
        info = @Info(title = "Tasklane", version = "1",
                description = """
                        Durable background tasks: submit a task and get its ID at once, follow its progress, cancel, \
                        retry and schedule work. Every task is a Temporal workflow.

                        Errors are `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail` and, \
                        for invalid fields, `errors` naming each field and what to change.

                        Live progress also comes over WebSocket, which OpenAPI does not describe: `/ws/tasks/{id}` \
                        replays and follows one task's events as JSON text messages and closes after the terminal \
                        event; `/ws/tasks` carries every visible task's events from now on, or from after \
                        `?lastEventId=`. Both take the token as bearer header or as `?access_token=`."""),
        security = @SecurityRequirement(name = TasklaneApi.BEARER),
        tags = {
            @Tag(name = "tasks", description = "Submit, find, follow, cancel, retry and delete tasks."),
            @Tag(name = "events", description = "Each task's event log, as JSON and as server-sent events."),
            @Tag(name = "documents", description = "Document processing: upload, chunks and semantic search."),
            @Tag(name = "schedules", description = "Cron schedules that submit a task on each run."),
            @Tag(name = "sync", description = "Data synced from external systems, and each sync's failed records."),
            @Tag(name = "notifications", description = "What happened to your tasks, kept until read."),
            @Tag(name = "operations", description = "The queue, the service, statistics and cleanup."),
            @Tag(name = "identity", description = "Who the token names, and the development token.")
        })
@SecurityScheme(name = TasklaneApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT naming the tenant and roles (USER, MANAGER, ADMIN); `java -jar tasklane.jar token` mints"
                + " one, and in role all `GET /api/dev-token` returns the development token.")
public interface TasklaneApi {

    /** The security scheme's name. */
    String BEARER = "bearer";
}
