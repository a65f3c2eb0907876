package dev.tasklane.workflows.sync;

import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The workflow side every pull sync shares: one long activity that heartbeats its checkpoint, and a cancel that
 * waits for the activity to stop between batches and then answers with what was committed.
 */
public final class SyncRun {

    /** A worker that stops heartbeating this long is taken for dead, and the sync resumes on another. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    /** Records written per store transaction unless the payload says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int LARGEST_BATCH_SIZE = 5000;

    private SyncRun() {
    }

    public static int batchSizeOrDefault(Integer batchSize) {
        return batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    }

    /**
     * Options for a sync activity: retried by the task's policy, except for faults retrying cannot fix; {@code summary}
     * says in the Web UI what it pulls.
     */
    public static ActivityOptions options(TaskSettings settings, String summary) {
        return ActivityOptions.newBuilder()
                .setSummary(summary)
                .setStartToCloseTimeout(Duration.ofDays(1))
                .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(settings.retry().toRetryOptions(SyncActivities.MALFORMED_PAGE,
                        SyncActivities.SOURCE_UNAVAILABLE, SyncActivities.SOURCE_REFUSED))
                .build();
    }

    /** Runs {@code pull} as the task's body; a cancelled sync's result is what it had committed. */
    public static SyncResult execute(TaskRun run, TaskSettings settings, Supplier<SyncResult> pull) {
        SyncActivities ledger = Workflow.newActivityStub(SyncActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setSummary("read what the sync committed")
                .build());
        run.enterStep("sync");
        return run.execute(settings, pull, ledger::committedSoFar);
    }
}
