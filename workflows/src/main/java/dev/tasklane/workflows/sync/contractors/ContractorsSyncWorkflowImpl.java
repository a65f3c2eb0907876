package dev.tasklane.workflows.sync.contractors;

import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.SyncRun;
import io.temporal.workflow.Workflow;

/** Runs the contractor pull as a sync. */
public class ContractorsSyncWorkflowImpl implements ContractorsSyncWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public SyncResult sync(ContractorsSyncRequest request, TaskSettings settings) {
        ContractorsSyncActivities pull = Workflow.newActivityStub(ContractorsSyncActivities.class,
                SyncRun.options(settings, "pull the contractors from " + ShownUrl.of(request.source().url())
                        + ", page by page"));
        return SyncRun.execute(run, settings, () -> pull.syncContractors(request, settings.retry()));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
