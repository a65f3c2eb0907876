package dev.tasklane.workflows.sync.external;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The {@code external-sync} payload: records or an event to push to an automation tool's webhook (n8n-style).
 *
 * @param url            the automation tool's webhook URL
 * @param event          the event name receivers branch on
 * @param records        records to push, {@code batchSize} per request
 * @param data           the event's data, when there are no records
 * @param batchSize      records per request
 * @param headers        extra request headers
 * @param secret         signing key, as for webhook deliveries
 * @param timeoutSeconds how long to wait for the receiver's answer to each request
 */
@Serdeable
public record ExternalSyncRequest(
        @PayloadField(value = "The automation tool's webhook URL (http or https).", required = true) String url,
        @PayloadField(value = "Event name, such as contractors.updated.", required = true) String event,
        @PayloadField("Records to push, batchSize per request.") List<Object> records,
        @PayloadField("The event's data, sent in one request when there are no records.") Object data,
        @PayloadField("Records per request, 1-1000 (default 100).") Integer batchSize,
        @PayloadField(value = "Extra request headers, name to value; every value is stored sealed and shown redacted"
                + " except Content-Type, Accept, User-Agent and the like.", headers = true)
        Map<String, String> headers,
        @PayloadField(value = "Signing key: when set, each request carries an HMAC-SHA256 signature.",
                sensitive = true) String secret,
        @PayloadField("Seconds to wait for the receiver's answer to each request, 1-300 (default 30).")
        Integer timeoutSeconds) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int LARGEST_BATCH_SIZE = 1000;

    public List<Object> recordsOrNone() {
        return records == null ? List.of() : records;
    }

    public int batchSizeOrDefault() {
        return batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    }
}
