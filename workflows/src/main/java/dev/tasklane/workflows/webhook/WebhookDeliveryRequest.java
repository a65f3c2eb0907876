package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One HTTP request to deliver to a receiver: the {@code webhook-delivery} payload.
 *
 * @param url            where to send it
 * @param method         POST (default), PUT or PATCH
 * @param headers        extra request headers
 * @param body           any JSON value, sent as {@code application/json}
 * @param secret         when set, requests are signed with it
 * @param timeoutSeconds how long to wait for the receiver's answer
 */
@Serdeable
public record WebhookDeliveryRequest(
        @PayloadField(value = "Destination URL (http or https).", required = true) String url,
        @PayloadField("HTTP method: POST (default), PUT or PATCH.") String method,
        @PayloadField(value = "Extra request headers, name to value; every value is stored sealed and shown redacted"
                + " except Content-Type, Accept, User-Agent and the like.", headers = true)
        Map<String, String> headers,
        @PayloadField("Request body: any JSON value, sent as application/json.") Object body,
        @PayloadField(value = "Signing key: when set, each request carries an HMAC-SHA256 signature.",
                sensitive = true) String secret,
        @PayloadField("Seconds to wait for the receiver's answer, 1-300 (default 30).") Integer timeoutSeconds) {

    public static final String DEFAULT_METHOD = "POST";
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public String methodOrDefault() {
        return method == null ? DEFAULT_METHOD : method;
    }

    public int timeoutSecondsOrDefault() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }
}
