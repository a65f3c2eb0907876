package dev.tasklane.workflows.document;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/**
 * Walks the chunks in id order a batch at a time until none of another model is left; starts afresh as a new run
 * every {@link #BATCHES_PER_RUN} batches so its history stays short. Returns how many chunks it embedded again.
 */
public class ReembeddingWorkflowImpl implements ReembeddingWorkflow {

    static final int BATCH = 64;
    static final int BATCHES_PER_RUN = 200;

    private final ReembeddingActivities activities = Workflow.newActivityStub(ReembeddingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setDoNotRetry(ReembeddingActivities.OTHER_MODEL)
                            .build())
                    .build());

    @Override
    public int reembed(String model, String afterChunk, int doneBefore) {
        String after = afterChunk;
        int done = doneBefore;
        for (int batch = 0; batch < BATCHES_PER_RUN; batch++) {
            ReembeddedBatch result = activities.reembed(model, after, BATCH);
            done += result.chunks();
            if (result.lastChunk() == null) {
                return done;
            }
            after = result.lastChunk();
        }
        ReembeddingWorkflow next = Workflow.newContinueAsNewStub(ReembeddingWorkflow.class);
        return next.reembed(model, after, done);
    }
}
