package dev.tasklane.gateway.sync.contractors;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.sync.SyncSourceCheck;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.sync.SyncActivities;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncActivities;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncRequest;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncWorkflow;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code contractors-sync} task type: an accounting system's contractor directory. */
@Singleton
public class ContractorsSyncTaskType implements TaskType<ContractorsSyncRequest> {

    private static final TaskWorkflowDeclaration<ContractorsSyncRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(ContractorsSyncRequest.class, SyncResult.class, ContractorsSyncWorkflow.class,
                    ContractorsSyncWorkflowImpl.class, workflow -> workflow::sync,
                    List.of(ContractorsSyncActivities.class, SyncActivities.class));

    private final SyncSourceCheck sources;

    public ContractorsSyncTaskType(SyncSourceCheck sources) {
        this.sources = sources;
    }

    @Override
    public String name() {
        return "contractors-sync";
    }

    @Override
    public String description() {
        return "Pulls an accounting system's contractors from its paginated export into the store, upserting by"
                + " contractor id in batches, resumable after a crash.";
    }

    @Override
    public TaskWorkflowDeclaration<ContractorsSyncRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    public void validate(ContractorsSyncRequest payload, FieldErrors errors) {
        sources.check(payload.source(), payload.batchSize(), errors);
    }

    @Override
    public String summary(ContractorsSyncRequest payload) {
        return "contractors from " + ShownUrl.of(payload.source().url());
    }

    @Override
    public Map<String, String> details(ContractorsSyncRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Source", ShownUrl.of(payload.source().url()));
        facts.put("Records", payload.batchSizeOrDefault() + " a store transaction");
        return facts;
    }
}
