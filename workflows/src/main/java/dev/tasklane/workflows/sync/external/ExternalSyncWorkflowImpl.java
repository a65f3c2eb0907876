package dev.tasklane.workflows.sync.external;

import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.outbound.OutboundFailures;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes the batches one after another, each an activity retried by the task's policy. Every request says which
 * part of how many it is and carries its own delivery ID ({@code <task>#<part>}).
 */
public class ExternalSyncWorkflowImpl implements ExternalSyncWorkflow {

    private final TaskRun run = new TaskRun();
    private int delivered;
    private long deliveredRecords;

    @Override
    public ExternalSyncResult push(ExternalSyncRequest request, TaskSettings settings) {
        ActivityOptions options = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(timeoutOf(request) + 10L))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(settings.retry().toRetryOptions(OutboundFailures.FORBIDDEN_DESTINATION,
                        OutboundFailures.PERMANENT_REJECTION))
                .build();
        long started = Workflow.currentTimeMillis();
        run.enterStep("deliver");
        return run.execute(settings, () -> {
            List<List<Object>> batches = batchesOf(request);
            for (int part = 1; part <= batches.size(); part++) {
                List<Object> records = batches.get(part - 1);
                TaskProgress sending = run.progress().counting(part - 1, batches.size(),
                        "sending part " + part + " of " + batches.size());
                ExternalSyncActivities activities = Workflow.newActivityStub(ExternalSyncActivities.class,
                        ActivityOptions.newBuilder(options).setSummary("POST part " + part + " of " + batches.size()
                                + " (" + records.size() + " records) to " + ShownUrl.of(request.url())).build());
                activities.deliverPart(requestFor(request, part, batches.size(), records),
                        Workflow.getInfo().getWorkflowId() + "#" + part, settings.retry(), sending);
                delivered = part;
                deliveredRecords += records.size();
                run.reportProgress(run.progress().counting(part, batches.size(),
                        part + " of " + batches.size() + " parts delivered"));
            }
            return result(started, false);
        }, () -> result(started, true));
    }

    private ExternalSyncResult result(long started, boolean cancelled) {
        return new ExternalSyncResult(delivered, deliveredRecords, (Workflow.currentTimeMillis() - started) / 1000.0,
                cancelled);
    }

    /** The records cut into batches; an event without records is one part with no records. */
    private static List<List<Object>> batchesOf(ExternalSyncRequest request) {
        List<Object> records = request.recordsOrNone();
        if (records.isEmpty()) {
            return List.of(List.of());
        }
        int size = request.batchSizeOrDefault();
        List<List<Object>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += size) {
            batches.add(records.subList(from, Math.min(records.size(), from + size)));
        }
        return batches;
    }

    private static WebhookDeliveryRequest requestFor(ExternalSyncRequest request, int part, int parts,
                                                     List<Object> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", request.event());
        body.put("taskId", Workflow.getInfo().getWorkflowId());
        body.put("part", part);
        body.put("parts", parts);
        if (request.records() == null || request.records().isEmpty()) {
            body.put("data", request.data());
        } else {
            body.put("records", records);
        }
        return new WebhookDeliveryRequest(request.url(), "POST", request.headers(), body, request.secret(),
                request.timeoutSeconds());
    }

    private static int timeoutOf(ExternalSyncRequest request) {
        return request.timeoutSeconds() == null ? WebhookDeliveryRequest.DEFAULT_TIMEOUT_SECONDS
                : request.timeoutSeconds();
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
