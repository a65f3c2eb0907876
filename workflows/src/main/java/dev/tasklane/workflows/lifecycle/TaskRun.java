package dev.tasklane.workflows.lifecycle;

import dev.tasklane.workflows.outbound.OutboundFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a task workflow's body inside the lifecycle every task type shares: lifecycle events, the task's
 * timeout, cooperative cancellation, the progress snapshot and the current details the Web UI shows. Create one per
 * workflow instance.
 */
public final class TaskRun {

    /** Error type of a task that ran past its {@code timeoutSeconds}. */
    public static final String TIMED_OUT = "TimedOut";
    /** Error type of a task whose review did not come in time. */
    public static final String REVIEW_TIMED_OUT = "ReviewTimedOut";
    /** The update a person reviews a task awaiting approval with. */
    public static final String REVIEW = "review";
    /** The signal that tells a task waiting for intake to ask again now. */
    public static final String INTAKE_RESUMED = "intake-resumed";
    /** The signal that tells a task waiting for room under a limit that a slot was freed: it asks again now. */
    public static final String SLOT_FREED = "slot-freed";
    /** The signal an operator sends a task waiting for intake or room to make it ask again now. */
    public static final String ASK_AGAIN = "ask-again";
    /**
     * The signal that tells a task its priority changed (the level's name as argument), which Temporal already
     * dispatches it by: it shows the level in its search attribute and waits for room at it.
     */
    public static final String PRIORITY_CHANGED = "priority-changed";

    private static final String INTAKE_GATE = "intake-gate";
    /** The gate's version that asks intake and records the start in one local activity instead of two. */
    private static final int STARTS_IN_ONE_CALL = 2;
    /** The gate's version that also waits for room under the task's limits. */
    private static final int STARTS_WITHIN_LIMITS = 3;
    private static final String ATTEMPTS_READ = "attempts-read";
    private static final Duration FIRST_INTAKE_CHECK = Duration.ofSeconds(2);
    private static final Duration LONGEST_INTAKE_CHECK = Duration.ofMinutes(1);

    private static final LocalActivityOptions LIFECYCLE_OPTIONS = LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(10))
                    .build())
            .build();

    private static final ActivityOptions CALLBACK_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(CallbackActivities.RETRY.toRetryOptions(
                    OutboundFailures.PERMANENT_REJECTION, OutboundFailures.FORBIDDEN_DESTINATION))
            .build();

    private TaskProgress progress = TaskProgress.NONE;
    private TaskStatus status = TaskStatus.QUEUED;
    private Double stepStartPercent;
    private boolean askAgain;
    /** The review a person gave while the task awaited one, and who, or null. */
    private ReviewDecision review;
    private String reviewer;
    /** The priority a change gave the task since it started, or null. */
    private TaskPriority changedPriority;
    /** The limits the task took room under or waited for, which it gives back when it ends. */
    private List<TaskLimit> limits = List.of();

    public TaskRun() {
        Workflow.registerListener((DynamicSignalHandler) (name, args) -> {
            if (INTAKE_RESUMED.equals(name) || SLOT_FREED.equals(name) || ASK_AGAIN.equals(name)) {
                askAgain = true;
            } else if (PRIORITY_CHANGED.equals(name)) {
                changedPriority = TaskPriority.valueOf(args.get(0, String.class));
                Workflow.upsertTypedSearchAttributes(TaskSearchAttributes.PRIORITY.valueSet(changedPriority.name()));
            }
        });
        showDetails();
    }

    public TaskProgress progress() {
        return progress;
    }

    public void enterStep(String step) {
        enterStep(step, null);
    }

    /** Enters {@code step}, which starts at {@code startPercent} of the bar: what the Web UI shows until it ends. */
    public void enterStep(String step, Double startPercent) {
        progress = progress.enterStep(step);
        stepStartPercent = startPercent;
        showDetails();
    }

    /** Sets the progress the workflow itself measures and records it as an event. */
    public void reportProgress(TaskProgress now) {
        progress = now;
        showDetails();
        lifecycle("record progress: " + now.message()).recordProgress(Workflow.getInfo().getWorkflowId(), now);
    }

    /**
     * How many attempts the task's activities recorded, for a result that reports them when an attempt's failure
     * never reached the workflow (a cancellation); 0 for workflows started before this was read.
     */
    public int attemptsMade() {
        if (Workflow.getVersion(ATTEMPTS_READ, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return 0;
        }
        return lifecycle("count the attempts made").attemptsMade(Workflow.getInfo().getWorkflowId());
    }

    /** Records that a task this workflow was to start never ran: it ends CANCELLED with {@code reason}. */
    public void recordNeverStarted(String taskId, String reason) {
        lifecycle("record " + taskId + " as CANCELLED").recordLifecycle(new LifecycleEvent(taskId, TaskStatus.CANCELLED,
                reason, TaskProgress.NONE, null, null));
    }

    /**
     * Records the start, runs {@code body} within the task's timeout and records how it ended. A cancelled
     * task returns {@code cancelledResult}; a failed or timed-out one fails the workflow after recording it.
     */
    public <R> R execute(TaskSettings settings, Supplier<R> body, Supplier<R> cancelledResult) {
        return execute(settings, body, cancelledResult, () -> { });
    }

    /**
     * As {@link #execute(TaskSettings, Supplier, Supplier)}, running {@code cleanUp} (in a scope a cancellation does
     * not reach) before recording a cancelled, failed or timed-out end.
     */
    public <R> R execute(TaskSettings settings, Supplier<R> body, Supplier<R> cancelledResult, Runnable cleanUp) {
        try {
            start(settings);
            R result = runWithin(settings.timeoutSeconds(), body);
            progress = progress.finished("completed");
            record(TaskStatus.COMPLETED, "completed", result, null);
            callBack(settings);
            return result;
        } catch (CanceledFailure e) {
            Workflow.newDetachedCancellationScope(cleanUp).run();
            return cancelled(settings, cancelledResult, "cancelled");
        } catch (ActivityFailure e) {
            Workflow.newDetachedCancellationScope(cleanUp).run();
            if (e.getCause() instanceof CanceledFailure) {
                return cancelled(settings, cancelledResult, "cancelled");
            }
            TaskError error = errorOf(e.getCause());
            progress = progress.withMessage(error.message());
            record(TaskStatus.FAILED, error.message(), null, error);
            callBack(settings);
            throw ApplicationFailure.newNonRetryableFailureWithCause(error.message(), error.type(), e);
        } catch (Rejected e) {
            Workflow.newDetachedCancellationScope(cleanUp).run();
            return cancelled(settings, cancelledResult, e.getMessage());
        } catch (ReviewMissing e) {
            Workflow.newDetachedCancellationScope(cleanUp).run();
            progress = progress.withMessage(e.getMessage());
            record(TaskStatus.TIMED_OUT, e.getMessage(), null, new TaskError(REVIEW_TIMED_OUT, e.getMessage(), true));
            callBack(settings);
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REVIEW_TIMED_OUT);
        } catch (DeadlinePassed e) {
            Workflow.newDetachedCancellationScope(cleanUp).run();
            String message = "task exceeded its timeout of " + settings.timeoutSeconds() + " s";
            progress = progress.withMessage(message);
            record(TaskStatus.TIMED_OUT, message, null, new TaskError(TIMED_OUT, message, true));
            callBack(settings);
            throw ApplicationFailure.newNonRetryableFailure(message, TIMED_OUT);
        }
    }

    /**
     * Records the start once intake is open: while it is paused the task waits, still QUEUED, and asks again after
     * 2 s, then ever less often up to once a minute, and at once when the resume signal comes. Workflows started
     * before the gate existed skip it; those started before {@link #STARTS_IN_ONE_CALL} ask and record in two calls,
     * those started before {@link #STARTS_WITHIN_LIMITS} have no limits.
     */
    private void start(TaskSettings settings) {
        int gate = Workflow.getVersion(INTAKE_GATE, Workflow.DEFAULT_VERSION, STARTS_WITHIN_LIMITS);
        if (gate == STARTS_WITHIN_LIMITS) {
            startWithinLimits(settings.limits());
            return;
        }
        Duration wait = FIRST_INTAKE_CHECK;
        while (gate != Workflow.DEFAULT_VERSION && !intakeLetsStart(gate)) {
            Workflow.setCurrentDetails(CurrentDetails.of(status,
                    progress.withMessage("Intake is paused: the task starts when it resumes."), null));
            askAgain = false;
            Workflow.await(wait, () -> askAgain);
            wait = longer(wait);
        }
        if (gate != STARTS_IN_ONE_CALL) {
            record(TaskStatus.RUNNING, "started", null, null);
        }
    }

    /**
     * Starts once intake is open and each of {@code taskLimits} has room. While one has none the task is WAITING: it
     * asks again when a finished task signals a freed slot, when a rate's period lets it, and otherwise after 2 s,
     * then ever less often up to once a minute, in case a holder ended without a word (terminated from outside).
     */
    private void startWithinLimits(List<TaskLimit> taskLimits) {
        limits = taskLimits;
        Duration backoff = FIRST_INTAKE_CHECK;
        boolean waiting = false;
        while (true) {
            TaskStart.Outcome outcome = lifecycle(waiting ? "ask again for room under its limits"
                    : "start if intake is open and its limits have room").startWithinLimits(new TaskStart(
                    event(TaskStatus.RUNNING, "started", null, null), taskLimits, priorityKey(), waiting));
            if (outcome.started()) {
                status = TaskStatus.RUNNING;
                showDetails();
                return;
            }
            String why = "Intake is paused: the task starts when it resumes.";
            if (outcome.waitingFor() != null) {
                waiting = true;
                status = TaskStatus.WAITING;
                why = "Waiting for room: " + outcome.waitingFor();
            }
            Workflow.setCurrentDetails(CurrentDetails.of(status, progress.withMessage(why), null));
            askAgain = false;
            if (outcome.retryMillis() == null) {
                Workflow.await(backoff, () -> askAgain);
                backoff = longer(backoff);
            } else {
                Workflow.await(Duration.ofMillis(Math.min(outcome.retryMillis(), LONGEST_INTAKE_CHECK.toMillis())),
                        () -> askAgain);
            }
        }
    }

    private static Duration longer(Duration wait) {
        return wait.multipliedBy(2).compareTo(LONGEST_INTAKE_CHECK) > 0 ? LONGEST_INTAKE_CHECK : wait.multipliedBy(2);
    }

    /** The task's priority key: the last change's, else the workflow's, else the default level's. */
    private int priorityKey() {
        if (changedPriority != null) {
            return changedPriority.temporalKey();
        }
        int key = Workflow.getInfo().getPriority().getPriorityKey();
        return key == 0 ? TaskPriority.NORMAL.temporalKey() : key;
    }

    /**
     * Gives back the room the task held under its limits once it ended, and signals the waiting tasks that can now
     * take it; a task that ended meanwhile cannot be signalled and is passed over. Runs where cancellation cannot
     * reach.
     */
    private void releaseLimits() {
        if (limits.isEmpty()) {
            return;
        }
        Workflow.newDetachedCancellationScope(() -> {
            List<String> woken = lifecycle("give back its room under its limits")
                    .releaseLimits(Workflow.getInfo().getWorkflowId(), limits);
            for (String waiting : woken) {
                try {
                    Workflow.newUntypedExternalWorkflowStub(waiting).signal(SLOT_FREED);
                } catch (SignalExternalWorkflowException ended) {
                    // it ended while the room was freed
                }
            }
        }).run();
    }

    /** Whether intake is open; at {@link #STARTS_IN_ONE_CALL}, the same call records the start when it is. */
    private boolean intakeLetsStart(int gate) {
        if (gate != STARTS_IN_ONE_CALL) {
            return lifecycle("check that intake is open").intakeOpen();
        }
        if (!lifecycle("start if intake is open").startIfIntakeOpen(event(TaskStatus.RUNNING, "started", null, null))) {
            return false;
        }
        status = TaskStatus.RUNNING;
        showDetails();
        return true;
    }

    /**
     * Waits, AWAITING_APPROVAL, for a person's review of {@code what} (the {@link #REVIEW} update), reminding the task's
     * owner when half of {@code within} has passed. Approved, the task goes on RUNNING; rejected, it stops CANCELLED
     * after its clean-up; without a review within {@code within}, it stops TIMED_OUT after its clean-up.
     */
    public void awaitReview(String what, Duration within) {
        String taskId = Workflow.getInfo().getWorkflowId();
        progress = progress.withMessage("awaiting approval: " + what);
        record(TaskStatus.AWAITING_APPROVAL, "awaiting approval: " + what, null, null);
        Duration half = within.dividedBy(2);
        if (!Workflow.await(half, () -> review != null)) {
            lifecycle("remind the owner that it awaits approval").remind(taskId, "task " + taskId
                    + " still awaits approval of " + what + "; it stops in " + hours(within.minus(half)));
            if (!Workflow.await(within.minus(half), () -> review != null)) {
                throw new ReviewMissing("no review within " + hours(within));
            }
        }
        String note = review.note() == null || review.note().isBlank() ? "" : ": " + review.note();
        if (!review.approves()) {
            throw new Rejected("rejected by " + reviewer + note);
        }
        status = TaskStatus.RUNNING;
        progress = progress.withMessage("approved by " + reviewer + note);
        showDetails();
        lifecycle("record the approval").recordProgress(taskId, progress);
    }

    /** Takes a review while the task awaits one ({@link #checkReview} let it in); what became of it. */
    public ReviewDecision.Outcome review(ReviewDecision decision, String by) {
        review = decision;
        reviewer = by;
        return new ReviewDecision.Outcome(decision.decision(), by);
    }

    /** Refuses a review the task cannot take: it awaits none, or the decision is neither approve nor reject. */
    public void checkReview(ReviewDecision decision, String by) {
        if (status != TaskStatus.AWAITING_APPROVAL || review != null) {
            throw new IllegalStateException("it is " + status + " and awaits no review");
        }
        if (!ReviewDecision.APPROVE.equals(decision.decision()) && !ReviewDecision.REJECT.equals(decision.decision())) {
            throw new IllegalArgumentException("decision must be approve or reject, not " + decision.decision());
        }
        if (decision.note() != null && decision.note().length() > ReviewDecision.LONGEST_NOTE) {
            throw new IllegalArgumentException("note is longer than " + ReviewDecision.LONGEST_NOTE + " characters");
        }
    }

    private static String hours(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    private <R> R runWithin(Long timeoutSeconds, Supplier<R> body) {
        if (timeoutSeconds == null) {
            return body.get();
        }
        CompletablePromise<R> outcome = Workflow.newPromise();
        CancellationScope scope = Workflow.newCancellationScope(() -> outcome.completeFrom(Async.function(body::get)));
        scope.run();
        Promise<Void> deadline = Workflow.newTimer(Duration.ofSeconds(timeoutSeconds));
        Promise.anyOf(outcome, deadline).get();
        if (!outcome.isCompleted()) {
            scope.cancel("task timeout");
            throw new DeadlinePassed();
        }
        return outcome.get();
    }

    /**
     * Records a cancelled end saying {@code why}; {@code cancelledResult} may call activities, as it runs where
     * cancellation cannot reach.
     */
    private <R> R cancelled(TaskSettings settings, Supplier<R> cancelledResult, String why) {
        List<R> outcome = new ArrayList<>(1);
        Workflow.newDetachedCancellationScope(() -> outcome.add(cancelledResult.get())).run();
        R result = outcome.get(0);
        progress = progress.withMessage(why);
        Workflow.newDetachedCancellationScope(() -> record(TaskStatus.CANCELLED, why, result, null)).run();
        callBack(settings);
        return result;
    }

    /**
     * Delivers the final state to the task's callback, if it has one, where a cancellation cannot reach. A callback
     * that keeps failing is logged; the task's own end stands.
     */
    private void callBack(TaskSettings settings) {
        if (settings.callback() == null) {
            return;
        }
        CallbackActivities callbacks = Workflow.newActivityStub(CallbackActivities.class,
                ActivityOptions.newBuilder(CALLBACK_OPTIONS)
                        .setSummary("deliver the final state to " + ShownUrl.of(settings.callback().url()))
                        .build());
        Workflow.newDetachedCancellationScope(() -> {
            try {
                callbacks.deliverFinalState(settings.callback());
            } catch (ActivityFailure failed) {
                Workflow.getLogger(TaskRun.class).warn("the callback of {} was not delivered: {}",
                        Workflow.getInfo().getWorkflowId(), failed.getCause() == null ? failed
                                : failed.getCause().getMessage());
            }
        }).run();
    }

    private void record(TaskStatus now, String message, Object result, TaskError error) {
        status = now;
        showDetails();
        lifecycle("record " + now).recordLifecycle(event(now, message, result, error));
        if (now.isTerminal()) {
            releaseLimits();
        }
    }

    private LifecycleEvent event(TaskStatus now, String message, Object result, TaskError error) {
        return new LifecycleEvent(Workflow.getInfo().getWorkflowId(), now, message, progress, result, error);
    }

    private void showDetails() {
        Workflow.setCurrentDetails(CurrentDetails.of(status, progress, stepStartPercent));
    }

    /** The lifecycle activities with {@code summary} saying in the Web UI what the call does. */
    private static TaskLifecycleActivities lifecycle(String summary) {
        return Workflow.newLocalActivityStub(TaskLifecycleActivities.class,
                LocalActivityOptions.newBuilder(LIFECYCLE_OPTIONS).setSummary(summary).build());
    }

    private static TaskError errorOf(Throwable cause) {
        if (cause instanceof ApplicationFailure app) {
            return new TaskError(app.getType(), app.getOriginalMessage(), !app.isNonRetryable());
        }
        if (cause instanceof TimeoutFailure timeout) {
            String last = timeout.getCause() instanceof TemporalFailure lastFailure
                    ? " after: " + lastFailure.getOriginalMessage() : "";
            return new TaskError("ActivityTimeout", "activity timed out: " + timeout.getTimeoutType() + last, true);
        }
        String message = cause instanceof TemporalFailure tf ? tf.getOriginalMessage() : String.valueOf(cause);
        return new TaskError(cause == null ? "Unknown" : cause.getClass().getSimpleName(), message, true);
    }

    /** Stops a task whose reviewer rejected it; the message says who and why. */
    private static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Stops a task whose review did not come in time. */
    private static final class ReviewMissing extends RuntimeException {
        ReviewMissing(String message) {
            super(message, null, false, false);
        }
    }

    /** Signals, inside this class only, that the task's timeout fired before its body finished. */
    private static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super(null, null, false, false);
        }
    }
}
