package dev.tasklane.workflows.batch;

import dev.tasklane.workflows.lifecycle.LifecycleEvent;
import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchWorkflowTest {

    private static final TaskSettings SETTINGS = new TaskSettings(RetrySettings.DEFAULT, null);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = searchAttributes(TestWorkflowExtension.newBuilder())
            .registerWorkflowImplementationTypes(BatchWorkflowImpl.class, ChildTaskWorkflow.Impl.class)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    private static TestWorkflowExtension.Builder searchAttributes(TestWorkflowExtension.Builder builder) {
        for (SearchAttributeKey<?> key : TaskSearchAttributes.ALL) {
            builder.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
        return builder;
    }

    private static BatchRequest batchOf(Integer concurrency, String onFailure, String... outcomes) {
        return onQueue(null, concurrency, onFailure, outcomes);
    }

    private static BatchRequest onQueue(String taskQueue, Integer concurrency, String onFailure, String... outcomes) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            items.add(new BatchItem("child-" + i, "child", "ChildTaskWorkflow", Map.of("outcome", outcomes[i]),
                    SETTINGS, TaskPriority.NORMAL.temporalKey(), null, taskQueue));
        }
        return new BatchRequest(items, concurrency, onFailure);
    }

    private BatchWorkflow start(TestWorkflowEnvironment env, Worker worker, BatchRequest request) {
        worker.registerActivitiesImplementations(lifecycle);
        env.start();
        BatchWorkflow batch = env.getWorkflowClient().newWorkflowStub(BatchWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("batch-" + System.nanoTime())
                .setTypedSearchAttributes(TaskSearchAttributes.of("acme", "batch", TaskPriority.NORMAL, "ann"))
                .build());
        WorkflowClient.start(batch::run, request, SETTINGS);
        return batch;
    }

    private List<String> neverStarted() {
        return lifecycle.events.stream().filter(event -> event.taskId().startsWith("child-"))
                .map(LifecycleEvent::taskId).toList();
    }

    @Test
    void aBatchThatContinuesPastFailuresCountsHowEveryChildEnded(TestWorkflowEnvironment env, Worker worker) {
        BatchWorkflow batch = start(env, worker, batchOf(2, BatchRequest.CONTINUE, ChildTaskWorkflow.COMPLETE,
                ChildTaskWorkflow.FAIL, ChildTaskWorkflow.COMPLETE, ChildTaskWorkflow.COMPLETE));

        BatchResult result = WorkflowStub.fromTyped(batch).getResult(BatchResult.class);

        assertEquals(4, result.total());
        assertEquals(3, result.successful());
        assertEquals(1, result.failed());
        assertEquals(List.of(new BatchResult.BatchError("child-1", "child", "the child failed")), result.errors());
        assertEquals(List.of("child-0", "child-1", "child-2", "child-3"), result.taskIds());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aChildWhoseTypeHasItsOwnQueueRunsOnThatQueue(TestWorkflowEnvironment env, Worker worker) {
        env.newWorker("children-elsewhere").registerWorkflowImplementationTypes(ChildTaskWorkflow.Impl.class);
        BatchWorkflow batch = start(env, worker, onQueue("children-elsewhere", 1, BatchRequest.CONTINUE,
                ChildTaskWorkflow.COMPLETE));

        assertEquals(1, WorkflowStub.fromTyped(batch).getResult(BatchResult.class).successful());
        assertEquals("children-elsewhere", env.getWorkflowClient().fetchHistory("child-0").getHistory().getEvents(0)
                .getWorkflowExecutionStartedEventAttributes().getTaskQueue().getName());
    }

    @Test
    void aBatchThatStopsAtItsFirstFailureCancelsTheRunningAndNeverStartsTheRest(TestWorkflowEnvironment env,
                                                                                Worker worker) {
        BatchWorkflow batch = start(env, worker, batchOf(2, BatchRequest.STOP, ChildTaskWorkflow.RUN_UNTIL_CANCELLED,
                ChildTaskWorkflow.FAIL, ChildTaskWorkflow.COMPLETE));

        BatchResult result = WorkflowStub.fromTyped(batch).getResult(BatchResult.class);

        assertTrue(result.stopped());
        assertEquals(1, result.failed());
        assertEquals(2, result.cancelled(), "the running child cancelled, the third never started");
        assertEquals(List.of("child-2"), neverStarted());
    }

    @Test
    void aCancelledBatchCancelsItsChildrenAndRecordsTheUnstartedAsCancelled(TestWorkflowEnvironment env,
                                                                           Worker worker) {
        BatchWorkflow batch = start(env, worker, batchOf(2, BatchRequest.CONTINUE,
                ChildTaskWorkflow.RUN_UNTIL_CANCELLED, ChildTaskWorkflow.RUN_UNTIL_CANCELLED,
                ChildTaskWorkflow.COMPLETE));
        env.sleep(Duration.ofSeconds(1));

        WorkflowStub stub = WorkflowStub.fromTyped(batch);
        stub.cancel();
        assertThrows(WorkflowFailedException.class, () -> stub.getResult(BatchResult.class));

        assertEquals(List.of("child-2"), neverStarted());
        LifecycleEvent end = lifecycle.events.get(lifecycle.events.size() - 1);
        assertEquals(TaskStatus.CANCELLED, end.status());
        assertEquals(3, ((Map<?, ?>) end.result()).get("cancelled"));
    }
}
