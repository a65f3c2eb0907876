package dev.tasklane.workflows.sync.banktransactions;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.SyncRun;
import io.temporal.workflow.Workflow;

/** Runs the bank transaction pull as a sync. */
public class BankTransactionsSyncWorkflowImpl implements BankTransactionsSyncWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public SyncResult sync(BankTransactionsSyncRequest request, TaskSettings settings) {
        BankTransactionsSyncActivities pull = Workflow.newActivityStub(BankTransactionsSyncActivities.class,
                SyncRun.options(settings));
        return SyncRun.execute(run, settings, () -> pull.syncBankTransactions(request, settings.retry()));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
