package dev.tasklane.activities.progress;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.RetryOptions;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Makes every failed activity attempt of a task visible: one WARN line naming the task and why, and, when Temporal
 * will try again, a {@code task_retrying} event carrying that reason (unless the activity recorded its own). The
 * activity's retry policy, which Temporal hands every attempt, says whether it will.
 */
@Singleton
public class FailedAttempts extends WorkerInterceptorBase {

    private static final Logger LOG = LoggerFactory.getLogger(FailedAttempts.class);

    private final ProgressReporter progress;

    public FailedAttempts(ProgressReporter progress) {
        this.progress = progress;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityExecutionContext context;

            @Override
            public void init(ActivityExecutionContext context) {
                this.context = context;
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                try {
                    return super.execute(input);
                } catch (ActivityCompletionException stopped) {
                    throw stopped;
                } catch (RuntimeException | Error failure) {
                    if (!context.getInfo().isLocal()) {
                        failed(context.getInfo(), failure);
                    }
                    throw failure;
                }
            }
        };
    }

    /** Says why the attempt failed; a store that cannot take the event must not hide the failure itself. */
    private void failed(ActivityInfo info, Throwable failure) {
        String reason = reasonOf(failure);
        try {
            boolean retried = willRetry(info, failure);
            LOG.warn("task {}: {} attempt {} failed{}: {}", info.getWorkflowId(), info.getActivityType(),
                    info.getAttempt(), retried ? ", retrying" : "", reason);
            if (retried) {
                progress.recordRetry(info, "attempt " + info.getAttempt() + " failed: " + reason, reason);
            }
        } catch (RuntimeException notRecorded) {
            LOG.warn("task {}: {} attempt {} failed: {} (not recorded: {})", info.getWorkflowId(),
                    info.getActivityType(), info.getAttempt(), reason, notRecorded.toString());
        }
    }

    /** The failure's own message, or its class where it has none. */
    private static String reasonOf(Throwable failure) {
        String message = failure instanceof TemporalFailure temporal ? temporal.getOriginalMessage()
                : failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** Whether Temporal schedules another attempt after this failure. */
    private static boolean willRetry(ActivityInfo info, Throwable failure) {
        if (failure instanceof ApplicationFailure app && app.isNonRetryable()) {
            return false;
        }
        RetryOptions retry = info.getRetryOptions();
        if (retry.getMaximumAttempts() > 0 && info.getAttempt() >= retry.getMaximumAttempts()) {
            return false;
        }
        String type = failure instanceof ApplicationFailure app ? app.getType() : failure.getClass().getName();
        return retry.getDoNotRetry() == null || !Arrays.asList(retry.getDoNotRetry()).contains(type);
    }
}
