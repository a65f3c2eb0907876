package dev.tasklane.workflows.document;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReembeddingWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ReembeddingWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    @Test
    void batchesGoOnWhereTheLastEndedAndTheRunStartsAfreshBeforeItsHistoryGrowsLong(TestWorkflowEnvironment env,
                                                                                   Worker worker) {
        int batches = ReembeddingWorkflowImpl.BATCHES_PER_RUN + 3;
        List<String> after = new ArrayList<>();
        worker.registerActivitiesImplementations((ReembeddingActivities) (model, afterChunk, batch) -> {
            assertEquals("model-b", model);
            after.add(String.valueOf(afterChunk));
            boolean last = after.size() == batches;
            return new ReembeddedBatch(last ? 5 : batch, last ? null : "chunk-" + after.size());
        });
        env.start();
        WorkflowClient client = env.getWorkflowClient();
        ReembeddingWorkflow workflow = client.newWorkflowStub(ReembeddingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ReembeddingWorkflow.WORKFLOW_ID).setTaskQueue(worker.getTaskQueue()).build());

        WorkflowExecution first = WorkflowClient.start(workflow::reembed, "model-b", null, 0);
        int done = WorkflowStub.fromTyped(workflow).getResult(Integer.class);

        assertEquals(ReembeddingWorkflowImpl.BATCH * (batches - 1) + 5, done, "the chunks of every run, summed");
        assertEquals(batches, after.size());
        assertEquals("null", after.get(0));
        assertEquals("chunk-" + ReembeddingWorkflowImpl.BATCHES_PER_RUN,
                after.get(ReembeddingWorkflowImpl.BATCHES_PER_RUN), "the new run goes on after the last chunk");
        assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, client.fetchHistory(
                ReembeddingWorkflow.WORKFLOW_ID, first.getRunId()).getLastEvent().getEventType());
    }
}
