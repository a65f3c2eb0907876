package dev.tasklane.gateway.sync.external;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.gateway.webhook.WebhookDeliveryTaskType;
import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.sync.external.ExternalSyncActivities;
import dev.tasklane.workflows.sync.external.ExternalSyncRequest;
import dev.tasklane.workflows.sync.external.ExternalSyncResult;
import dev.tasklane.workflows.sync.external.ExternalSyncWorkflow;
import dev.tasklane.workflows.sync.external.ExternalSyncWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code external-sync} task type: records or an event pushed to an automation tool's webhook in batches. */
@Singleton
public class ExternalSyncTaskType implements TaskType<ExternalSyncRequest> {

    public static final String NAME = "external-sync";

    private static final TaskWorkflowDeclaration<ExternalSyncRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(ExternalSyncRequest.class, ExternalSyncResult.class,
                    ExternalSyncWorkflow.class, ExternalSyncWorkflowImpl.class, workflow -> workflow::push,
                    List.of(ExternalSyncActivities.class));

    static final int LONGEST_EVENT = 200;

    private final DestinationCheck destinations;

    public ExternalSyncTaskType(DestinationCheck destinations) {
        this.destinations = destinations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Pushes records (in batches) or one event to an automation tool's webhook, such as n8n's, each request"
                + " signed, retried and held to the destination rules like a webhook delivery.";
    }

    @Override
    public TaskWorkflowDeclaration<ExternalSyncRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public void validate(ExternalSyncRequest payload, FieldErrors errors) {
        destinations.checkUrl(payload.url(), "payload.url", errors);
        if (payload.event().isBlank() || payload.event().length() > LONGEST_EVENT) {
            errors.add("payload.event", "must be 1-" + LONGEST_EVENT + " characters, not blank");
        }
        if (payload.records() != null && payload.data() != null) {
            errors.add("payload.data", "give records or data, not both");
        }
        if (payload.records() != null && payload.records().isEmpty()) {
            errors.add("payload.records", "must hold at least one record; send an event without records as data");
        }
        int size = payload.batchSizeOrDefault();
        if (size < 1 || size > ExternalSyncRequest.LARGEST_BATCH_SIZE) {
            errors.add("payload.batchSize", "must be between 1 and " + ExternalSyncRequest.LARGEST_BATCH_SIZE);
        }
        WebhookDeliveryTaskType.checkTimeout(payload.timeoutSeconds(), errors);
        WebhookDeliveryTaskType.checkSecret(payload.secret(), errors);
        DestinationCheck.checkHeaders(payload.headers(), "payload.headers", errors);
    }

    @Override
    public String summary(ExternalSyncRequest payload) {
        return payload.event() + " to " + ShownUrl.of(payload.url());
    }

    @Override
    public Map<String, String> details(ExternalSyncRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Event", payload.event());
        facts.put("Receiver", ShownUrl.of(payload.url()));
        facts.put("Records", payload.recordsOrNone().size() + ", " + payload.batchSizeOrDefault() + " a request");
        facts.put("Signed", payload.secret() == null ? "no" : "yes");
        return facts;
    }
}
