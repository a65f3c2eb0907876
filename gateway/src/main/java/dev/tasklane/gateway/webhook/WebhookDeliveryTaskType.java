package dev.tasklane.gateway.webhook;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.webhook.WebhookDeliveryActivities;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflow;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code webhook-delivery} task type: one HTTP request, retried until the receiver takes it. */
@Singleton
public class WebhookDeliveryTaskType implements TaskType<WebhookDeliveryRequest> {

    private static final TaskWorkflowDeclaration<WebhookDeliveryRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(WebhookDeliveryRequest.class, WebhookDeliveryResult.class,
                    WebhookDeliveryWorkflow.class, WebhookDeliveryWorkflowImpl.class, workflow -> workflow::deliver,
                    List.of(WebhookDeliveryActivities.class));

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final int LONGEST_SECRET = 512;

    private final DestinationCheck destinations;

    public WebhookDeliveryTaskType(DestinationCheck destinations) {
        this.destinations = destinations;
    }

    @Override
    public String name() {
        return "webhook-delivery";
    }

    @Override
    public String description() {
        return "Delivers one JSON HTTP request to a receiver, optionally signed, retrying 408, 429, 5xx and network"
                + " faults with backoff and honouring Retry-After.";
    }

    @Override
    public TaskWorkflowDeclaration<WebhookDeliveryRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public Optional<String> destinationHost(WebhookDeliveryRequest payload) {
        return TaskType.hostOf(payload.url());
    }

    @Override
    public void validate(WebhookDeliveryRequest payload, FieldErrors errors) {
        destinations.checkUrl(payload.url(), "payload.url", errors);
        if (payload.method() != null && !METHODS.contains(payload.method())) {
            errors.add("payload.method", "'" + payload.method() + "' is not supported; use POST, PUT or PATCH");
        }
        checkTimeout(payload.timeoutSeconds(), errors);
        checkSecret(payload.secret(), errors);
        DestinationCheck.checkHeaders(payload.headers(), "payload.headers", errors);
    }

    /** Adds an error unless {@code timeoutSeconds} is absent or 1-300. */
    public static void checkTimeout(Integer timeoutSeconds, FieldErrors errors) {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 300)) {
            errors.add("payload.timeoutSeconds", "must be between 1 and 300");
        }
    }

    /** Adds an error unless {@code secret} is absent or a usable signing key. */
    public static void checkSecret(String secret, FieldErrors errors) {
        if (secret != null && (secret.isBlank() || secret.length() > LONGEST_SECRET)) {
            errors.add("payload.secret", "must be 1-" + LONGEST_SECRET + " characters, not blank");
        }
    }

    @Override
    public String summary(WebhookDeliveryRequest payload) {
        return payload.methodOrDefault() + " " + ShownUrl.of(payload.url());
    }

    @Override
    public Map<String, String> details(WebhookDeliveryRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Request", payload.methodOrDefault() + " " + ShownUrl.of(payload.url()));
        facts.put("Signed", payload.secret() == null ? "no" : "yes");
        facts.put("Answer awaited", payload.timeoutSecondsOrDefault() + " s");
        return facts;
    }
}
