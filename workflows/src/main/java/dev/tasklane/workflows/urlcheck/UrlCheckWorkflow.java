package dev.tasklane.workflows.urlcheck;

import dev.tasklane.workflows.lifecycle.PayloadField;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.micronaut.serde.annotation.Serdeable;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The {@code url-check} task: one GET of a URL, retried by the task's policy until it answers 2xx, as a probe that a
 * service is up. Written by following the README's recipe for a new task type: its records and activity interface
 * live here, beside the workflow method.
 */
@WorkflowInterface
public interface UrlCheckWorkflow extends TaskWorkflow {

    @WorkflowMethod
    Result check(Request request, TaskSettings settings);

    /**
     * The {@code url-check} payload.
     *
     * @param url            what to GET
     * @param timeoutSeconds how long to wait for its answer
     */
    @Serdeable
    record Request(
            @PayloadField(value = "URL to GET (http or https).", required = true) String url,
            @PayloadField("Seconds to wait for the answer, 1-60 (default 10).") Integer timeoutSeconds) {

        public static final int DEFAULT_TIMEOUT_SECONDS = 10;
        public static final int LONGEST_TIMEOUT_SECONDS = 60;

        public int timeoutSecondsOrDefault() {
            return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        }
    }

    /**
     * What the check found.
     *
     * @param statusCode the 2xx status the URL answered, or 0 when the check was cancelled first
     * @param attempts   the attempt that got it
     * @param millis     how long that attempt waited for the answer
     * @param cancelled  whether the check was cancelled before an answer came
     */
    @Serdeable
    record Result(int statusCode, int attempts, long millis, boolean cancelled) {
    }

    /** The side effect: one GET per activity attempt. */
    @ActivityInterface
    interface Activities {

        /**
         * GETs the URL once, through the outbound delivery engine (allowed destinations only). Safe to retry: a GET
         * changes nothing. A non-2xx answer that retrying cannot fix is non-retryable.
         */
        @ActivityMethod
        Result checkUrl(Request request, RetrySettings retry);
    }
}
