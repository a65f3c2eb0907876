package dev.tasklane.gateway.urlcheck;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.urlcheck.UrlCheckWorkflow;
import dev.tasklane.workflows.urlcheck.UrlCheckWorkflow.Request;
import dev.tasklane.workflows.urlcheck.UrlCheckWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The {@code url-check} task type: any USER may probe an allowed destination. */
@Singleton
public class UrlCheckTaskType implements TaskType<Request> {

    private static final TaskWorkflowDeclaration<Request, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(Request.class, UrlCheckWorkflow.Result.class, UrlCheckWorkflow.class,
                    UrlCheckWorkflowImpl.class, workflow -> workflow::check, List.of(UrlCheckWorkflow.Activities.class));

    /** A probe should say soon whether a service is up: three attempts, about six seconds apart at most. */
    private static final RetrySettings RETRY_DEFAULTS = new RetrySettings(3, 2, 2, 6);

    private final DestinationCheck destinations;

    public UrlCheckTaskType(DestinationCheck destinations) {
        this.destinations = destinations;
    }

    @Override
    public String name() {
        return "url-check";
    }

    @Override
    public String description() {
        return "GETs a URL, retried by the task's policy until it answers 2xx: a probe that a service is up.";
    }

    @Override
    public TaskWorkflowDeclaration<Request, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public RetrySettings retryDefaults() {
        return RETRY_DEFAULTS;
    }

    @Override
    public Optional<String> destinationHost(Request payload) {
        return TaskType.hostOf(payload.url());
    }

    @Override
    public void validate(Request payload, FieldErrors errors) {
        destinations.checkUrl(payload.url(), "payload.url", errors);
        Integer timeout = payload.timeoutSeconds();
        if (timeout != null && (timeout < 1 || timeout > Request.LONGEST_TIMEOUT_SECONDS)) {
            errors.add("payload.timeoutSeconds", "must be a whole number of seconds from 1 to "
                    + Request.LONGEST_TIMEOUT_SECONDS);
        }
    }

    @Override
    public String summary(Request payload) {
        return "GET " + ShownUrl.of(payload.url());
    }
}
