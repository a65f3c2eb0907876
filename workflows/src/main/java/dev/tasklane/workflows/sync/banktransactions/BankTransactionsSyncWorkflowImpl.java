package dev.tasklane.workflows.sync.banktransactions;

import dev.tasklane.workflows.lifecycle.ShownUrl;
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
                SyncRun.options(settings, "pull the bank transactions of " + request.dateFrom() + " to "
                        + request.dateTo() + " from " + ShownUrl.of(request.source().url()) + ", page by page"));
        return SyncRun.execute(run, settings, () -> pull.syncBankTransactions(request, settings.retry()));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
