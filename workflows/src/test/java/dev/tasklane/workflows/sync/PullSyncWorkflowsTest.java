package dev.tasklane.workflows.sync;

import dev.tasklane.workflows.lifecycle.Cancellation;
import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncActivities;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncRequest;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflow;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflowImpl;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncActivities;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncRequest;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncWorkflow;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pull syncs' workflows, which share {@link SyncRun}: every case runs against each of them. */
class PullSyncWorkflowsTest {

    private static final SyncSource SOURCE = SyncSource.of("http://127.0.0.1:9/export");
    private static final TaskSettings THREE_ATTEMPTS = new TaskSettings(new RetrySettings(3, 1, 2, 10), null);
    private static final SyncResult COMMITTED = new SyncResult(250, 200, 50, 0, 0, 3, 1.5, true);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ContractorsSyncWorkflowImpl.class,
                    BankTransactionsSyncWorkflowImpl.class)
            .setWorkerOptions(Cancellation.PROMPT_HEARTBEATS)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();
    private final SyncActivities ledger = () -> COMMITTED;

    /** A pull sync type: its activities made from a pull, and its workflow started on the test worker. */
    enum PullSync {
        CONTRACTORS {
            @Override
            Object activities(Supplier<SyncResult> pull) {
                return (ContractorsSyncActivities) (request, retry) -> pull.get();
            }

            @Override
            TaskWorkflow start(WorkflowClient client, WorkflowOptions options) {
                ContractorsSyncWorkflow workflow = client.newWorkflowStub(ContractorsSyncWorkflow.class, options);
                WorkflowClient.start(workflow::sync, new ContractorsSyncRequest(SOURCE, null), THREE_ATTEMPTS);
                return workflow;
            }
        },
        BANK_TRANSACTIONS {
            @Override
            Object activities(Supplier<SyncResult> pull) {
                return (BankTransactionsSyncActivities) (request, retry) -> pull.get();
            }

            @Override
            TaskWorkflow start(WorkflowClient client, WorkflowOptions options) {
                BankTransactionsSyncWorkflow workflow = client.newWorkflowStub(BankTransactionsSyncWorkflow.class,
                        options);
                WorkflowClient.start(workflow::sync, new BankTransactionsSyncRequest(SOURCE, "2026-01-01",
                        "2026-01-31", null, null), THREE_ATTEMPTS);
                return workflow;
            }
        };

        abstract Object activities(Supplier<SyncResult> pull);

        abstract TaskWorkflow start(WorkflowClient client, WorkflowOptions options);
    }

    private TaskWorkflow run(PullSync sync, TestWorkflowEnvironment env, Worker worker, Supplier<SyncResult> pull) {
        worker.registerActivitiesImplementations(lifecycle, ledger, sync.activities(pull));
        env.start();
        return sync.start(env.getWorkflowClient(), WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue())
                .build());
    }

    @ParameterizedTest
    @EnumSource(PullSync.class)
    void aSyncAnswersWhatItsPullCommitted(PullSync sync, TestWorkflowEnvironment env, Worker worker) {
        SyncResult pulled = new SyncResult(1000, 900, 100, 0, 0, 10, 4.0, false);

        TaskWorkflow workflow = run(sync, env, worker, () -> pulled);

        assertEquals(pulled, WorkflowStub.fromTyped(workflow).getResult(SyncResult.class));
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @ParameterizedTest
    @EnumSource(PullSync.class)
    void aMalformedPageIsNotRetriedWhileAnUnavailableSourceIs(PullSync sync, TestWorkflowEnvironment env,
                                                              Worker worker) {
        AtomicInteger attempts = new AtomicInteger();

        TaskWorkflow workflow = run(sync, env, worker, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw ApplicationFailure.newFailure("503 from the source", "SourceBusy");
            }
            throw ApplicationFailure.newFailure("page 2 has no items field", SyncActivities.MALFORMED_PAGE);
        });

        assertThrows(WorkflowFailedException.class, () -> WorkflowStub.fromTyped(workflow).getResult(SyncResult.class));
        assertEquals(2, attempts.get());
        assertEquals(SyncActivities.MALFORMED_PAGE, lifecycle.events.get(1).error().type());
    }

    @ParameterizedTest
    @EnumSource(PullSync.class)
    void aCancelledSyncAnswersWhatItsLedgerSaysWasCommitted(PullSync sync, TestWorkflowEnvironment env,
                                                           Worker worker) throws Exception {
        CountDownLatch started = new CountDownLatch(1);

        TaskWorkflow workflow = run(sync, env, worker, () -> Cancellation.heartbeatUntilCancelled(started));
        Cancellation.cancelOnceStarted(workflow, started);

        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.CANCELLED), lifecycle.statuses());
        Map<?, ?> recorded = (Map<?, ?>) lifecycle.events.get(1).result();
        assertEquals(250, recorded.get("fetched"));
        assertEquals(true, recorded.get("cancelled"));
    }
}
