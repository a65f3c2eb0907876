package dev.tasklane.gateway.security;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.gateway.webhook.WebhookDeliveryTaskType;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** A test-only task type marked privileged, run by the webhook delivery workflow. */
@Singleton
@Requires(property = "tasklane.test.privileged-type", value = "true")
class PrivilegedDeliveryTaskType implements TaskType<WebhookDeliveryRequest> {

    private final WebhookDeliveryTaskType delivery;

    PrivilegedDeliveryTaskType(WebhookDeliveryTaskType delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "privileged-delivery";
    }

    @Override
    public String description() {
        return "A webhook delivery only managers may submit.";
    }

    @Override
    public TaskWorkflowDeclaration<WebhookDeliveryRequest, ?, ?> workflow() {
        return delivery.workflow();
    }

    @Override
    public void validate(WebhookDeliveryRequest payload, FieldErrors errors) {
        delivery.validate(payload, errors);
    }

    @Override
    public String summary(WebhookDeliveryRequest payload) {
        return delivery.summary(payload);
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }
}
