package dev.tasklane.gateway.webhook;

import dev.tasklane.activities.webhook.DestinationGuard;
import dev.tasklane.activities.webhook.ForbiddenDestinationException;
import dev.tasklane.activities.webhook.WebhookHeaders;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflow;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code webhook-delivery} task type: one HTTP request, retried until the receiver takes it. */
@Singleton
public class WebhookDeliveryTaskType implements TaskType<WebhookDeliveryRequest> {

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int LONGEST_SECRET = 512;

    private final DestinationGuard guard;

    public WebhookDeliveryTaskType(DestinationGuard guard) {
        this.guard = guard;
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
    public Class<WebhookDeliveryRequest> payloadType() {
        return WebhookDeliveryRequest.class;
    }

    @Override
    public Class<?> workflowInterface() {
        return WebhookDeliveryWorkflow.class;
    }

    @Override
    public void validate(WebhookDeliveryRequest payload, FieldErrors errors) {
        checkUrl(payload.url(), errors);
        if (payload.method() != null && !METHODS.contains(payload.method())) {
            errors.add("payload.method", "'" + payload.method() + "' is not supported; use POST, PUT or PATCH");
        }
        if (payload.timeoutSeconds() != null && (payload.timeoutSeconds() < 1 || payload.timeoutSeconds() > 300)) {
            errors.add("payload.timeoutSeconds", "must be between 1 and 300");
        }
        if (payload.secret() != null && (payload.secret().isBlank() || payload.secret().length() > LONGEST_SECRET)) {
            errors.add("payload.secret", "must be 1-" + LONGEST_SECRET + " characters, not blank");
        }
        if (payload.headers() != null) {
            for (Map.Entry<String, String> header : payload.headers().entrySet()) {
                String field = "payload.headers." + header.getKey();
                if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                    errors.add(field, "is not a valid header name");
                } else if (!WebhookHeaders.isSettableBySubmitter(header.getKey())) {
                    errors.add(field, "is set by Tasklane or the transport and cannot be given");
                } else if (header.getValue().contains("\r") || header.getValue().contains("\n")) {
                    errors.add(field, "must not contain line breaks");
                }
            }
        }
    }

    private void checkUrl(String url, FieldErrors errors) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add("payload.url", "is not a valid URL: " + e.getReason());
            return;
        }
        try {
            guard.resolveAllowed(uri);
        } catch (ForbiddenDestinationException e) {
            errors.add("payload.url", e.getMessage());
        } catch (UnknownHostException e) {
            errors.add("payload.url", "host '" + uri.getHost() + "' cannot be resolved");
        }
    }

    @Override
    public String summary(WebhookDeliveryRequest payload) {
        return payload.methodOrDefault() + " " + payload.url();
    }
}
