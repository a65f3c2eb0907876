package dev.tasklane.workflows.lifecycle;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerOptions;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's cancel reaching a task whose activity is at work, for workflow tests of any task type. */
public final class Cancellation {

    private static final Duration HEARTBEAT_EVERY = Duration.ofMillis(20);

    /**
     * Worker options that send every heartbeat at once, as the worker host does, so a cancel reaches the activity in
     * milliseconds rather than after the SDK's default throttle of 0.8 × the heartbeat timeout.
     */
    public static final WorkerOptions PROMPT_HEARTBEATS = WorkerOptions.newBuilder()
            .setMaxHeartbeatThrottleInterval(HEARTBEAT_EVERY)
            .build();

    private Cancellation() {
    }

    /**
     * The body of an activity at work: counts {@code started} down, then heartbeats until the task is cancelled and
     * stops as a cancelled activity does, by throwing what the heartbeat threw.
     */
    public static <T> T heartbeatUntilCancelled(CountDownLatch started) {
        started.countDown();
        while (true) {
            try {
                Activity.getExecutionContext().heartbeat(null);
                Thread.sleep(HEARTBEAT_EVERY.toMillis());
            } catch (ActivityCompletionException cancelled) {
                throw cancelled;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Cancels the started workflow behind {@code typedStub} once {@code started} counts down; returns how it ended. */
    public static WorkflowFailedException cancelOnceStarted(Object typedStub, CountDownLatch started)
            throws InterruptedException {
        assertTrue(started.await(10, TimeUnit.SECONDS), "the activity started");
        WorkflowStub stub = WorkflowStub.fromTyped(typedStub);
        stub.cancel();
        return assertThrows(WorkflowFailedException.class, () -> stub.getResult(Object.class));
    }
}
