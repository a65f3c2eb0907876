package dev.tasklane.workflows.sync.banktransactions;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import dev.tasklane.workflows.sync.SyncResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code bank-transactions-sync} task: an accounting system's bank transactions for a date range, upserted. */
@WorkflowInterface
public interface BankTransactionsSyncWorkflow extends TaskWorkflow {

    @WorkflowMethod
    SyncResult sync(BankTransactionsSyncRequest request, TaskSettings settings);
}
