package dev.tasklane.gateway.queue;

import dev.tasklane.activities.queue.Intake;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** The queue as a whole: pausing and resuming intake. */
@Controller("/api/queue")
@Secured(Roles.ADMIN)
@Requires(property = "tasklane.role", notEquals = "worker")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueueController {

    private final IntakeControl intake;

    public QueueController(IntakeControl intake) {
        this.intake = intake;
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
