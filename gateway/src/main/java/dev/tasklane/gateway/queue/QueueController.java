package dev.tasklane.gateway.queue;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.store.intake.Intake;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** The queue: its status and health for the caller's tenant (MANAGER), and pausing and resuming intake. */
@Tag(name = "operations")
@CommonProblems
@Controller("/api/queue")
@Secured(Roles.ADMIN)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueueController {

    private final IntakeControl intake;
    private final QueueMonitor monitor;

    public QueueController(IntakeControl intake, QueueMonitor monitor) {
        this.intake = intake;
        this.monitor = monitor;
    }

    @Operation(operationId = "getQueueStatus", summary = "Task counts by status and priority.")
    @Get("/status")
    @Secured(Roles.MANAGER)
    public QueueStatus status(Authentication authentication) {
        return monitor.status(Caller.of(authentication).tenant());
    }

    @Operation(operationId = "getQueueHealth", summary = "Whether the queue keeps up, with alerts.")
    @Get("/health")
    @Secured(Roles.MANAGER)
    public QueueHealth health(Authentication authentication) {
        return monitor.health(Caller.of(authentication).tenant());
    }

    @Operation(operationId = "listStuckTasks", summary = "Tasks that have not moved for long.")
    @Get("/stuck")
    @Secured(Roles.MANAGER)
    public StuckTasks stuck(Authentication authentication) {
        return new StuckTasks(monitor.stuck(Caller.of(authentication).tenant()));
    }

    /** {@code GET /api/queue/stuck}: the tasks running past their expected time, then those queued too long. */
    @Serdeable
    public record StuckTasks(List<StuckTask> items) {
    }

    /** Workers start no new task until resumed; running ones go on, submissions are accepted and wait. */
    @Operation(operationId = "pauseQueue", summary = "Stops workers from starting new tasks.")
    @Post("/pause")
    public Intake.State pause(Authentication authentication) {
        return intake.pause(Caller.of(authentication));
    }

    @Operation(operationId = "resumeQueue", summary = "Lets workers start new tasks again.")
    @Post("/resume")
    public Intake.State resume(Authentication authentication) {
        return intake.resume(Caller.of(authentication));
    }
}
