package dev.tasklane.gateway.queue;

import dev.tasklane.gateway.config.ServesApi;
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

import java.util.List;

/** The queue: its status and health for the caller's tenant (MANAGER), and pausing and resuming intake. */
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

    @Get("/status")
    @Secured(Roles.MANAGER)
    public QueueStatus status(Authentication authentication) {
        return monitor.status(Caller.of(authentication).tenant());
    }

    @Get("/health")
    @Secured(Roles.MANAGER)
    public QueueHealth health(Authentication authentication) {
        return monitor.health(Caller.of(authentication).tenant());
    }

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
    @Post("/pause")
    public Intake.State pause(Authentication authentication) {
        return intake.pause(Caller.of(authentication));
    }

    @Post("/resume")
    public Intake.State resume(Authentication authentication) {
        return intake.resume(Caller.of(authentication));
    }
}
