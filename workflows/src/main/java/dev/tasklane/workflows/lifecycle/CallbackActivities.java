package dev.tasklane.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Delivers a finished task's final state to its callback. */
@ActivityInterface
public interface CallbackActivities {

    /** Tries the call back at most this many times. */
    RetrySettings RETRY = new RetrySettings(8, 1.0, 2.0, 300.0);

    /**
     * Posts the calling task's final state (as the catalog holds it) to {@code callback}, with webhook delivery's
     * destination rules and signing. Idempotent for the receiver: every attempt carries the delivery ID
     * {@code <task>#callback}.
     */
    @ActivityMethod
    void deliverFinalState(TaskCallback callback);
}
