package dev.tasklane.activities.urlcheck;

import dev.tasklane.activities.outbound.HttpDelivery;
import dev.tasklane.activities.outbound.OutboundCall;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.urlcheck.UrlCheckWorkflow;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import jakarta.inject.Singleton;

/** A URL check's GET, made by the outbound delivery engine, which records each attempt as an event of the task. */
@Singleton
public class UrlCheckActivitiesImpl implements UrlCheckWorkflow.Activities {

    private final HttpDelivery http;

    public UrlCheckActivitiesImpl(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public UrlCheckWorkflow.Result checkUrl(UrlCheckWorkflow.Request request, RetrySettings retry) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        int attempt = info.getAttempt();
        HttpDelivery.Delivered answer = http.deliver(
                new OutboundCall(request.url(), "GET", null, null, null, request.timeoutSecondsOrDefault()), retry,
                info.getWorkflowId(), TaskProgress.NONE.enterStep("check")
                        .counting(attempt, retry.maxAttempts(), "attempt " + attempt + " of " + retry.maxAttempts()));
        return new UrlCheckWorkflow.Result(answer.statusCode(), answer.attempt(), answer.millis(), false);
    }
}
